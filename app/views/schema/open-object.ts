import type { ObjectRef } from './object-kinds';

/**
 * Asks for the object view of a database object (a bubbling, composed DOM event, so it
 * crosses shadow roots): fired by the schema tree (Enter, double-click) and by the SQL
 * editor (Ctrl+click, F4 on a name). The shell opens the object's tab, or focuses it when
 * it is open already. `detail`: `{connectionId, kind, schema, name, oid}`.
 */
export class OpenObjectEvent extends CustomEvent<ObjectRef> {
  static readonly eventName = 'tusk-open-object' as const;
  constructor(object: ObjectRef) {
    super(OpenObjectEvent.eventName, { detail: object, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [OpenObjectEvent.eventName]: CustomEvent<ObjectRef>;
  }
}
