/**
 * Follows a pointer drag that began with `event` on its handle (pointer captured): calls
 * `move` with the distance from the start on each move, until the pointer is released.
 */
export function followDrag(event: PointerEvent, move: (dx: number, dy: number) => void): void {
  const handle = event.currentTarget as HTMLElement;
  handle.setPointerCapture(event.pointerId);
  const { clientX: x, clientY: y } = event;
  const onMove = (e: PointerEvent) => move(e.clientX - x, e.clientY - y);
  const onUp = () => {
    handle.removeEventListener('pointermove', onMove);
    handle.removeEventListener('pointerup', onUp);
  };
  handle.addEventListener('pointermove', onMove);
  handle.addEventListener('pointerup', onUp);
}
