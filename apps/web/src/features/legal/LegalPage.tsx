import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading.tsx';
import { CURRENT_LEGAL } from './texts.ts';

/** The terms of use or the privacy notice, in the version customers accept now, labelled with it. */
function LegalPage({ kind }: { kind: 'terms' | 'privacy' }) {
  const { t, i18n } = useTranslation();
  const text = CURRENT_LEGAL[kind][i18n.resolvedLanguage === 'en' ? 'en' : 'pt-BR'];
  const effective = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(CURRENT_LEGAL.effective),
  );
  return (
    <article className="card legal">
      <PageHeading
        focusOnMount
        lead={t('legal.version', { version: CURRENT_LEGAL.version, date: effective })}
      >
        {text.title}
      </PageHeading>
      <p className="visually-hidden" data-testid="legal-version">
        {CURRENT_LEGAL.version}
      </p>
      {text.sections.map((section) => (
        <section key={section.heading}>
          <h2 className="section-title">{section.heading}</h2>
          {section.paragraphs?.map((p) => (
            <p key={p}>{p}</p>
          ))}
          {section.items && (
            <ul>
              {section.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </article>
  );
}

export const TermsPage = () => <LegalPage kind="terms" />;
export const PrivacyPage = () => <LegalPage kind="privacy" />;
