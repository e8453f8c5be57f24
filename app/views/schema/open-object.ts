import type { ObjectRef } from './object-kinds';

/** What {@link OpenObjectEvent} asks for: the object, and whether to show its rows. */
export type OpenObjectRequest = ObjectRef & {
  /** Show its Data part and run it (the tree's "open the first rows"). */
  showData?: boolean;
};

/**
 * Asks for the object view of a database object (a bubbling, composed DOM event, so it
 * crosses shadow roots): fired by the schema tree (Enter, double-click) and by the SQL
 * editor (Ctrl+click, F4 on a name). The shell opens the object's tab, or focuses it when
 * it is open already; with `showData`, on its Data part, run. `detail`: `{connectionId,
 * kind, schema, name, oid, showData?}`.
 */
export class OpenObjectEvent extends CustomEvent<OpenObjectRequest> {
  static readonly eventName = 'tusk-open-object' as const;
  constructor(object: ObjectRef, options: { showData?: boolean } = {}) {
    const detail = options.showData ? { ...object, showData: true } : object;
    super(OpenObjectEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [OpenObjectEvent.eventName]: CustomEvent<OpenObjectRequest>;
  }
}
