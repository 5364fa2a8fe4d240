import { useEffect, useRef } from 'react';

/** A message for the whole form (a failed sign-in, a conflict), announced and focused when it appears. */
export function FormAlert({
  message,
  tone = 'error',
}: {
  message?: string | null;
  tone?: 'error' | 'success';
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={tone === 'error' ? 'alert' : 'status'}
      className={`form-alert form-alert--${tone}`}
    >
      {message}
    </div>
  );
}
