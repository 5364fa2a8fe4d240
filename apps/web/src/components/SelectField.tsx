import type { ComponentProps } from 'react';
import { controlAria, FieldFrame, type FieldFrameProps, splitFrameProps } from './FieldFrame.tsx';

type SelectFieldProps = FieldFrameProps &
  Omit<ComponentProps<'select'>, 'id' | 'className'> & {
    options: readonly string[];
    /** An empty first option ("Selecione"); omitted when a value is always chosen. */
    placeholder?: string;
    /** The text shown for an option; the value itself by default. */
    optionLabel?: (option: string) => string;
  };

export function SelectField(props: SelectFieldProps) {
  const {
    frame,
    control: { options, placeholder, optionLabel, ...select },
  } = splitFrameProps(props);
  return (
    <FieldFrame {...frame}>
      <select
        className="field__control field__control--select"
        {...select}
        {...controlAria(frame.id, frame.hint, frame.error)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel ? optionLabel(option) : option}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
