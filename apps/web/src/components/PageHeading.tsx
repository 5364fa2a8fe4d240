import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface PageHeadingProps {
  children: string;
  /** Move focus here when the page opens, so screen readers announce a page reached by navigation. */
  focusOnMount?: boolean;
  lead?: ReactNode;
}

/** The page's one `<h1>`, which also names the browser tab. */
export function PageHeading({ children, focusOnMount = false, lead }: PageHeadingProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${children} · ${t('app.name')}`;
  }, [children, t]);

  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);

  return (
    <div className="page-heading">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {lead && <p className="page-heading__lead">{lead}</p>}
    </div>
  );
}
