import type { useCursorPages } from './paging.ts';

/** The two buttons under a paged list: back through the cursors seen, forward with the server's `nextCursor`. */
export function Pager({
  pages,
  nextCursor,
  labels,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
  labels: { previous: string; next: string };
}) {
  return (
    <div className="pagination">
      <button
        className="button button--secondary"
        type="button"
        disabled={!pages.hasPrevious}
        onClick={pages.previous}
      >
        {labels.previous}
      </button>
      <button
        className="button button--secondary"
        type="button"
        disabled={!nextCursor}
        onClick={() => pages.next(nextCursor)}
      >
        {labels.next}
      </button>
    </div>
  );
}
