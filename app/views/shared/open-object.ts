/** The event asking the workspace to open a schema object (its object view). */
export const OPEN_OBJECT_EVENT = 'tusk-open-object';

/** Which object to open: `tusk-open-object`'s detail. */
export interface OpenObjectDetail {
  connectionId: string;
  kind: string;
  schema: string;
  name: string;
  oid: number;
}

/** A `tusk-open-object` event: bubbling and composed, so it leaves the editor's shadow root. */
export function openObjectEvent(detail: OpenObjectDetail): CustomEvent<OpenObjectDetail> {
  return new CustomEvent(OPEN_OBJECT_EVENT, { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'tusk-open-object': CustomEvent<OpenObjectDetail>;
  }
}
