import type { ComponentProps } from 'react';
import { controlAria, FieldError, FieldHint } from './FieldFrame.tsx';

type CheckboxFieldProps = Omit<ComponentProps<'input'>, 'id' | 'type' | 'className'> & {
  id: string;
  label: string;
  hint?: string;
  error?: string;
};

export function CheckboxField({ id, label, hint, error, ...input }: CheckboxFieldProps) {
  return (
    <div className={['checkbox-field', error && 'field--invalid'].filter(Boolean).join(' ')}>
      <div className="checkbox-field__row">
        <input className="checkbox-field__box" type="checkbox" {...input} {...controlAria(id, hint, error)} />
        <label className="checkbox-field__label" htmlFor={id}>
          {label}
        </label>
      </div>
      <FieldHint id={id} hint={hint} className="checkbox-field__hint" />
      <FieldError id={id} error={error} />
    </div>
  );
}
