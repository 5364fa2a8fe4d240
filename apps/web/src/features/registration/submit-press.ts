import { useRef } from 'react';

/**
 * Tells whether the submit button is being pressed. Leaving a field for that button would otherwise show the
 * field's error first, push the button down from under the pointer and lose the click; the submit checks
 * every field anyway, so the field's own check on blur can be skipped.
 */
export function useSubmitPress() {
  const pressed = useRef(false);
  return {
    isPressingSubmit: () => pressed.current,
    /** For the submit button: pointerdown comes before the field's blur, pointerup before the click. */
    onPointerDown: () => {
      pressed.current = true;
      document.addEventListener(
        'pointerup',
        () => {
          pressed.current = false;
        },
        { once: true },
      );
    },
  };
}
