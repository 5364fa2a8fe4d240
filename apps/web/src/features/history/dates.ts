import { useTranslation } from 'react-i18next';

/** A moment as people read it where they are: local date and time, in the page's language. */
export function useLocalDateTime() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (iso: string) => format.format(new Date(iso));
}
