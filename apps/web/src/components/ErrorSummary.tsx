import { type MouseEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface ErrorSummaryItem {
  /** The id of the control to jump to. */
  id: string;
  label: string;
  message: string;
}

interface ErrorSummaryProps {
  items: ErrorSummaryItem[];
  /** A problem that belongs to no single field. */
  formError?: string;
  /** Each new value moves focus to the summary, so a failed submit is announced and nothing is missed. */
  focusRequest: number;
}

function jumpTo(id: string) {
  return (event: MouseEvent) => {
    event.preventDefault(); // the router must not treat the fragment as a navigation
    document.getElementById(id)?.focus();
  };
}

export function ErrorSummary({ items, formError, focusRequest }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  const handledRequest = useRef(0);
  const visible = items.length > 0 || Boolean(formError);

  // The request may come a render before the errors it is about, so it waits until there is something to show.
  useEffect(() => {
    if (visible && focusRequest > handledRequest.current && ref.current) {
      handledRequest.current = focusRequest;
      ref.current.focus();
    }
  }, [focusRequest, visible]);

  if (!visible) return null;
  return (
    <section className="error-summary" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 className="error-summary__title" id="error-summary-title">
        {t('errorSummary.title')}
      </h2>
      {formError && <p className="error-summary__text">{formError}</p>}
      {items.length > 0 && (
        <>
          <p className="error-summary__text">{t('errorSummary.fields')}</p>
          <ul className="error-summary__list">
            {items.map((item) => (
              <li key={item.id}>
                <a href={`#${item.id}`} onClick={jumpTo(item.id)}>
                  {item.label}: {item.message}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
