import type { ComponentProps } from 'react';
import { controlAria, FieldFrame, type FieldFrameProps, splitFrameProps } from './FieldFrame.tsx';

type SelectFieldProps = FieldFrameProps &
  Omit<ComponentProps<'select'>, 'id' | 'className'> & {
    options: readonly string[];
    placeholder: string;
  };

export function SelectField(props: SelectFieldProps) {
  const {
    frame,
    control: { options, placeholder, ...select },
  } = splitFrameProps(props);
  return (
    <FieldFrame {...frame}>
      <select
        className="field__control field__control--select"
        {...select}
        {...controlAria(frame.id, frame.hint, frame.error)}
      >
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
