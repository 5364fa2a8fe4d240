import { useTranslation } from 'react-i18next';

interface Report {
  ok: boolean;
  totalItems: number;
  problems: string[];
  parts: Array<{ name: string; ok: boolean; problems: string[] }>;
}

/** The outcome of `backups.restore({ mode: 'verify' })`: sound, or which parts fail and why. */
export function VerifyResult({ report }: { report: Report }) {
  const { t } = useTranslation();
  if (report.ok) {
    return (
      <p className="form-alert form-alert--success" role="status" data-testid="verify-result">
        {t('backups.verifiedOk', { items: report.totalItems })}
      </p>
    );
  }
  return (
    <div className="form-alert" role="alert" data-testid="verify-result">
      <p>{t('backups.verifiedBad')}</p>
      <ul>
        {report.parts
          .filter((p) => !p.ok)
          .map((p) => (
            <li key={p.name}>
              <code>{p.name}</code>: {p.problems.join('; ')}
            </li>
          ))}
        {report.problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
