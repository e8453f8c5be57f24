import {
  autocompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import { EditorView, hoverTooltip, keymap } from '@codemirror/view';
import type {
  CompleteParams,
  CompleteReply,
  SymbolParams,
  SymbolReply,
} from '../data/schema-completion';
import { OpenObjectEvent } from '../schema/open-object';

/** The backend's completion and hover for one tab on one connection. */
export interface SchemaLink {
  connectionId: string;
  tabId: string;
  complete(params: CompleteParams): Promise<CompleteReply>;
  at(params: SymbolParams): Promise<SymbolReply>;
}

type Item = CompleteReply['items'][number];

/** The short tag each kind shows in the list. */
const TAGS: Record<Item['kind'], string> = {
  column: 'col',
  table: 'table',
  partitioned_table: 'table',
  view: 'view',
  materialized_view: 'mview',
  foreign_table: 'ftable',
  sequence: 'seq',
  function: 'fn',
  procedure: 'proc',
  aggregate: 'agg',
  type: 'type',
  domain: 'domain',
  enum: 'enum',
  extension: 'ext',
  schema: 'schema',
  keyword: 'kw',
  alias: 'alias',
  cte: 'cte',
};

/** Typing opens the list after a letter, a digit, `_`, `$`, `"` or `.`. */
const OPENS = /[\p{L}\p{N}_$."]$/u;

/**
 * Completion, hover and go-to-definition from the backend's catalog (`schema.complete`,
 * `schema.at`), for the editor's completion compartment: Ctrl+Space asks, typing a
 * letter or `.` opens the list (asked at each keystroke; a query overtaken by a keystroke
 * is dropped and asked again); each item shows its kind and its type or
 * schema. Hovering a name shows what it is; F4 or
 * Ctrl+click on one fires `tusk-open-object` (bubbling, composed) with the object.
 */
export function schemaCompletion(link: SchemaLink): Extension {
  return [
    autocompletion({
      override: [(context) => complete(link, context)],
      icons: false,
      addToOptions: [{ render: renderKind, position: 20 }],
      maxRenderedOptions: 200,
      // The backend answers in about a millisecond: ask at each keystroke (the default
      // waits 100 ms for more typing).
      activateOnTypingDelay: 0,
    }),
    hoverTooltip((view, pos) => hover(link, view, pos), { hoverTime: 350, hideOnChange: true }),
    keymap.of([
      { key: 'F4', run: (view) => (void openAt(link, view, view.state.selection.main.head), true) },
    ]),
    EditorView.domEventHandlers({
      mousedown(event, view) {
        if (!(event.ctrlKey || event.metaKey) || event.button !== 0) return false;
        const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
        if (pos === null) return false;
        event.preventDefault();
        void openAt(link, view, pos);
        return true;
      },
    }),
  ];
}

async function complete(
  link: SchemaLink,
  context: CompletionContext,
): Promise<CompletionResult | null> {
  if (!context.explicit && !context.matchBefore(OPENS)) return null;
  const { doc } = context.state;
  // A key typed before the reply aborts this query, and CodeMirror starts one for the new
  // text (a reply for text typed over is never shown).
  context.addEventListener('abort', () => undefined, { onDocChange: true });
  const reply = await link
    .complete({
      connectionId: link.connectionId,
      tabId: link.tabId,
      sql: doc.toString(),
      offset: context.pos,
      explicit: context.explicit,
    })
    .catch(() => null);
  // The text changed meanwhile: CodeMirror dropped this query and asked again.
  if (!reply || context.aborted || reply.items.length === 0) return null;
  return {
    from: reply.from,
    to: Math.min(reply.to, doc.length),
    filter: false,
    options: reply.items.map(toCompletion),
  };
}

function toCompletion(item: Item): Completion {
  const call = item.kind === 'function' || item.kind === 'aggregate';
  return {
    label: item.label,
    type: item.kind,
    ...(item.detail ? { detail: item.detail } : {}),
    ...(item.boost === undefined ? {} : { boost: item.boost }),
    // A function comes with its parentheses, the cursor between them.
    apply: call
      ? (view, _completion, from, to) => {
          const text = `${item.apply}()`;
          view.dispatch({
            changes: { from, to, insert: text },
            selection: { anchor: from + text.length - 1 },
            userEvent: 'input.complete',
          });
        }
      : item.apply,
  };
}

function renderKind(completion: Completion): Node {
  const tag = document.createElement('span');
  tag.className = 'cm-tusk-kind';
  tag.textContent = TAGS[completion.type as Item['kind']] ?? completion.type ?? '';
  return tag;
}

async function symbolAt(link: SchemaLink, view: EditorView, pos: number): Promise<SymbolReply> {
  const doc = view.state.doc;
  const symbol = await link
    .at({ connectionId: link.connectionId, tabId: link.tabId, sql: doc.toString(), offset: pos })
    .catch(() => null);
  return view.state.doc === doc ? symbol : null;
}

async function hover(link: SchemaLink, view: EditorView, pos: number) {
  const symbol = await symbolAt(link, view, pos);
  if (!symbol) return null;
  return {
    pos: symbol.from,
    end: symbol.to,
    create: () => {
      const dom = document.createElement('div');
      dom.className = 'cm-tusk-symbol';
      const summary = document.createElement('div');
      summary.textContent = symbol.summary;
      const hint = document.createElement('div');
      hint.className = 'cm-tusk-symbol-hint';
      hint.textContent = 'F4 or Ctrl+click: open';
      dom.append(summary, hint);
      return { dom };
    },
  };
}

async function openAt(link: SchemaLink, view: EditorView, pos: number): Promise<void> {
  const symbol = await symbolAt(link, view, pos);
  if (!symbol) return;
  const { kind, schema, name, oid } = symbol.object;
  view.dom.dispatchEvent(
    new OpenObjectEvent({ connectionId: link.connectionId, kind, schema, name, oid }),
  );
}
