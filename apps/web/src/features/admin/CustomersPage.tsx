import { customerSearchInputSchema, formatCpf } from '@cadastro/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { paths } from '../../routes.ts';
import { reasonOf, useTRPC } from '../../trpc.ts';
import { useLocalDateTime } from '../history/dates.ts';
import { Pager } from '../history/Pager.tsx';
import { useCursorPages } from '../history/paging.ts';

const PAGE_SIZE = 20;
const SEARCH_KINDS = ['cpf', 'email', 'name'] as const;
type SearchKind = (typeof SEARCH_KINDS)[number];
type Search = { by: SearchKind; query: string } | null;

/** Newest customers, or the result of a search; pages with the server's cursor. */
export function CustomersPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const [by, setBy] = useState<SearchKind>('cpf');
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>(null);
  const [queryError, setQueryError] = useState<string | null>(null);
  const when = useLocalDateTime();
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const pages = useCursorPages();
  const cursor = pages.cursor;

  const list = useQuery({
    ...trpc.customers.list.queryOptions({ limit: PAGE_SIZE, cursor }),
    enabled: search === null,
  });
  const searched = useQuery({
    ...trpc.customers.search.queryOptions(
      search?.by === 'name'
        ? { by: 'name', query: search.query, limit: PAGE_SIZE, cursor }
        : ({ by: search?.by ?? 'cpf', query: search?.query ?? '' } as never),
    ),
    enabled: search !== null,
  });
  const result = search ? searched : list;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    pages.reset();
    setQueryError(null);
    if (!query.trim()) return setSearch(null);
    // Checked here with the server's schema: an invalid CPF or e-mail marks the field instead of a round trip.
    const checked = customerSearchInputSchema.safeParse({ by, query: query.trim() });
    if (!checked.success) {
      setQueryError(checked.error.issues[0]?.message ?? 'unexpected');
      return setSearch(null);
    }
    setSearch({ by, query: query.trim() });
  };

  return (
    <section className="card">
      <PageHeading>{t('admin.customers.title')}</PageHeading>
      <FormAlert message={deleted ? t('admin.customer.deleted', { name: deleted }) : null} tone="success" />
      <search>
        <form className="form search-form" onSubmit={submit}>
          <div className="form__grid">
            <SelectField
              id="search-by"
              label={t('admin.customers.searchBy')}
              className="span-2"
              options={SEARCH_KINDS}
              optionLabel={(kind) => t(`admin.customers.by.${kind as SearchKind}`)}
              value={by}
              onChange={(e) => setBy(e.target.value as SearchKind)}
            />
            <TextField
              id="search-query"
              label={t('admin.customers.query')}
              className="span-3"
              value={query}
              error={errorText(queryError)}
              onChange={(e) => setQuery(e.target.value)}
            />
            <div className="search-form__submit">
              <button className="button button--primary" type="submit">
                {t('admin.customers.search')}
              </button>
            </div>
          </div>
        </form>
      </search>
      <FormAlert message={result.isError ? errorText(reasonOf(result.error)) : null} />
      {result.isPending && !result.isError && <p>{t('common.loading')}</p>}
      {result.data && result.data.items.length === 0 && <p>{t('admin.customers.none')}</p>}
      {result.data && result.data.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('register.fields.name')}</th>
              <th scope="col">{t('register.fields.cpf')}</th>
              <th scope="col">{t('register.fields.email')}</th>
              <th scope="col">{t('admin.customers.createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            {result.data.items.map((c) => (
              <tr key={c.id}>
                <td data-label={t('register.fields.name')}>
                  <Link to={paths.adminCustomer(c.id)}>{c.name}</Link>
                </td>
                <td data-label={t('register.fields.cpf')}>{formatCpf(c.cpf)}</td>
                <td data-label={t('register.fields.email')}>{c.email}</td>
                <td data-label={t('admin.customers.createdAt')}>{when(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        pages={pages}
        nextCursor={result.data?.nextCursor}
        labels={{ previous: t('admin.customers.previous'), next: t('admin.customers.next') }}
      />
    </section>
  );
}
