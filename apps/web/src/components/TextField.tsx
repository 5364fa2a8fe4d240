import type { ComponentProps } from 'react';
import { controlAria, FieldFrame, type FieldFrameProps } from './FieldFrame.tsx';

type TextFieldProps = FieldFrameProps & Omit<ComponentProps<'input'>, 'id' | 'className'>;

export function TextField({ id, label, hint, error, optional, className, ...input }: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <input className="field__control" type="text" {...input} {...controlAria(id, hint, error)} />
    </FieldFrame>
  );
}
