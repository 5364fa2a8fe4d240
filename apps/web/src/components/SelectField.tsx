import type { ComponentProps } from 'react';
import { controlAria, FieldFrame, type FieldFrameProps } from './FieldFrame.tsx';

type SelectFieldProps = FieldFrameProps &
  Omit<ComponentProps<'select'>, 'id' | 'className'> & {
    options: readonly string[];
    placeholder: string;
  };

export function SelectField({
  id,
  label,
  hint,
  error,
  optional,
  className,
  options,
  placeholder,
  ...select
}: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <select className="field__control field__control--select" {...select} {...controlAria(id, hint, error)}>
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
