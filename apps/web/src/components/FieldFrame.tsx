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
export function FieldFrame({ children, ...field }: FieldFrameProps & { children: ReactNode }) {
  const { t } = useTranslation();
  const { id, error } = field;
  return (
    <div className={['field', error && 'field--invalid', field.className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {field.label}
        {field.optional && <span className="field__optional"> ({t('register.optional')})</span>}
      </label>
      {children}
      <FieldHint id={id} hint={field.hint} />
      <FieldError id={id} error={error} />
    </div>
  );
}

/** Splits a field's props into the frame's and the control's. */
export function splitFrameProps<P extends FieldFrameProps>({
  id,
  label,
  hint,
  error,
  optional,
  className,
  ...control
}: P) {
  return { frame: { id, label, hint, error, optional, className }, control };
}

export function FieldHint({ id, hint, className }: { id: string; hint?: string; className?: string }) {
  if (!hint) return null;
  return (
    <p className={['field__hint', className].filter(Boolean).join(' ')} id={`${id}-hint`}>
      {hint}
    </p>
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
