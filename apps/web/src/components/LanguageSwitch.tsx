import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/languages.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('app.languageLabel')}</legend>
      {LANGUAGES.map(({ code, name }) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="language-switch__option"
          aria-pressed={i18n.resolvedLanguage === code}
          onClick={() => void i18n.changeLanguage(code)}
        >
          {name}
        </button>
      ))}
    </fieldset>
  );
}
