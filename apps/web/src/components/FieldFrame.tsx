import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string;
  /** Already translated. */
  error?: string;
  optional?: boolean;
  className?: string;
}

/** The attributes that tie a control to its label, hint and error text. */
export interface ControlAria {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

export function controlAria(id: string, hint?: string, error?: string): ControlAria {
  return { id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy(id, hint, error) };
}

/** Label, control, hint, inline error: hints sit under the control so controls in a row line up. */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  optional,
  className,
  children,
}: FieldFrameProps & { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={['field', error && 'field--invalid', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optional && <span className="field__optional"> ({t('register.optional')})</span>}
      </label>
      {children}
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p className="field__error" id={`${id}-error`}>
      {error}
    </p>
  );
}
