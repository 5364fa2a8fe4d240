import { TERMS_VERSION } from '@cadastro/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc.ts';

interface Consent {
  purpose: string;
  revokedAt: string | null;
  grantedAt: string;
}

/** The optional consent (news and offers): granted or revoked at any time, each change recorded by the server. */
export function MarketingConsent({ consents }: { consents: Consent[] }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setConsent = useMutation(
    trpc.customers.setConsent.mutationOptions({
      onSuccess: (updated) => queryClient.setQueryData(trpc.customers.me.queryKey(), updated),
    }),
  );
  const active = consents.find((c) => c.purpose === 'marketing' && !c.revokedAt);
  const terms = consents.find((c) => c.purpose === 'terms');
  const date = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(iso));

  return (
    <div className="consents">
      {terms && <p>{t('account.consents.terms', { date: date(terms.grantedAt) })}</p>}
      <label className="checkbox">
        <input
          type="checkbox"
          // While the change is on its way, show what was asked for.
          checked={setConsent.isPending ? setConsent.variables.granted : Boolean(active)}
          disabled={setConsent.isPending}
          onChange={(e) =>
            setConsent.mutate({
              purpose: 'marketing',
              granted: e.target.checked,
              termsVersion: TERMS_VERSION,
            })
          }
        />{' '}
        {t('account.consents.marketing')}
      </label>
    </div>
  );
}
