import { useState } from 'react';

/** Cursor paging: the cursors of the pages seen so far, to go forward with `nextCursor` and back again. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return {
    cursor: cursors[cursors.length - 1] ?? null,
    hasPrevious: cursors.length > 1,
    previous: () => setCursors((c) => c.slice(0, -1)),
    next: (cursor: string | null | undefined) => cursor && setCursors((c) => [...c, cursor]),
    reset: () => setCursors([null]),
  };
}
