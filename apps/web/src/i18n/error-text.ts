import { ErrorReason, ValidationMessage } from '@cadastro/contracts';
import { useTranslation } from 'react-i18next';

const reasons = new Set<string>(Object.values(ErrorReason));
const validationMessages = new Set<string>(Object.values(ValidationMessage));

/**
 * Turns the message keys that travel with errors — a ValidationMessage from the shared schemas or an
 * ErrorReason from the API — into text in the current language.
 */
export function useErrorText() {
  const { t } = useTranslation();
  return (message: string | undefined | null): string | undefined => {
    if (!message) return undefined;
    if (reasons.has(message)) return t(`reasons.${message as ErrorReason}`);
    if (validationMessages.has(message)) return t(`validation.${message as ValidationMessage}`);
    return t('errors.unexpected');
  };
}
