import type { ComponentProps } from 'react';
import { controlAria, FieldFrame, type FieldFrameProps, splitFrameProps } from './FieldFrame.tsx';

type TextFieldProps = FieldFrameProps & Omit<ComponentProps<'input'>, 'id' | 'className'>;

export function TextField(props: TextFieldProps) {
  const { frame, control } = splitFrameProps(props);
  return (
    <FieldFrame {...frame}>
      <input
        className="field__control"
        type="text"
        {...control}
        {...controlAria(frame.id, frame.hint, frame.error)}
      />
    </FieldFrame>
  );
}
