import { registerTexts } from '../../i18n/index.ts';
import { backupsEn, backupsPtBR } from '../backups/i18n.ts';

/** The operator area's texts: loaded with its chunk, so a customer's first load does not carry them. */
export const adminPtBR = {
  admin: {
    nav: {
      label: 'Administração',
      customers: 'Clientes',
      apiKeys: 'Chaves de API',
      storage: 'Armazenamento',
    },
    signIn: { title: 'Entrar na administração', intro: 'Acesso restrito à equipe.' },
    customers: {
      title: 'Clientes',
      searchBy: 'Buscar por',
      by: { cpf: 'CPF', email: 'E-mail', name: 'Nome' },
      query: 'Busca',
      search: 'Buscar',
      none: 'Nenhum cliente encontrado.',
      createdAt: 'Cadastrado em',
      previous: 'Anterior',
      next: 'Próxima',
    },
    customer: {
      version: 'Versão',
      history: 'Histórico',
      when: 'Quando',
      what: 'O quê',
      who: 'Quem',
      fields: 'Campos',
    },
    apiKeys: {
      title: 'Chaves de API',
      intro: 'Chaves para outros sistemas da empresa. A chave aparece uma única vez, ao ser criada.',
      name: 'Nome da chave',
      create: 'Criar chave',
      created: 'Copie a chave agora: ela não será mostrada de novo.',
      status: 'Situação',
      active: 'Ativa',
      revoked: 'Revogada',
      actions: 'Ações',
      revoke: 'Revogar',
      revokeNamed: 'Revogar a chave {{name}}',
    },
    storage: {
      title: 'Armazenamento',
      intro:
        'Objetos do bucket por prefixo, classe de armazenamento e idade; o que as regras de ciclo de vida vão mover e quando; e o custo mensal estimado de armazenamento com e sem as regras.',
      empty: 'Nenhum objeto no bucket.',
      objects: 'Objetos',
      size: 'Tamanho',
      total: 'Total',
      bucket: 'Bucket',
      asOf: 'Referente a',
      asOfField: 'Projetar para o dia',
      asOfHint: 'Vazio: hoje. Uma data futura mostra o custo depois das transições vencidas até lá.',
      groups: {
        caption: 'Objetos por prefixo, classe de armazenamento e idade',
        prefix: 'Prefixo',
        storageClass: 'Classe',
        ageBand: 'Idade',
        other: '(outros)',
      },
      ageBands: {
        '0-30': 'menos de 30 dias',
        '30-90': '30 a 90 dias',
        '90-180': '90 a 180 dias',
        '180-365': '180 a 365 dias',
        '365+': '365 dias ou mais',
      },
      schedule: {
        caption: 'O que as regras vão mover e quando',
        when: 'Quando',
        action: 'Ação',
        due: 'Já vencido (na próxima execução diária do S3)',
        transition: 'Transição para {{storageClass}}',
        expire: 'Exclusão',
        none: 'Nenhuma transição ou exclusão prevista pelas regras.',
        smallKept:
          '{{objects}} objeto(s) ({{size}}) abaixo de 128 KB ficam em STANDARD: mover custaria mais do que economiza.',
      },
      cost: {
        caption: 'Custo mensal estimado de armazenamento (USD/mês)',
        scenario: 'Cenário',
        usdPerMonth: 'USD/mês',
        asStored: 'Como está armazenado hoje',
        withoutRules: 'Sem as regras (tudo em STANDARD)',
        withRules: 'Com as regras vencidas até a data do relatório',
        prices: 'Preços da região {{region}}: {{source}}.',
        estimates: 'Alguns preços desta região são estimativas (veja as observações).',
        storageOnly: 'Só armazenamento: requisições, transições e recuperações são cobradas à parte.',
      },
      rulesFromInfra:
        'O endpoint S3 não informou as regras do bucket: o relatório usa as regras desejadas da infraestrutura.',
      truncated:
        'A listagem parou em {{max}} objetos: os números cobrem só as primeiras chaves, não o bucket todo.',
      notes: 'Observações do relatório (em inglês)',
    },
  },
  backups: backupsPtBR,
};
export type AdminTranslation = typeof adminPtBR;

export const adminEn: AdminTranslation = {
  admin: {
    nav: { label: 'Administration', customers: 'Customers', apiKeys: 'API keys', storage: 'Storage' },
    signIn: { title: 'Sign in to administration', intro: 'Staff only.' },
    customers: {
      title: 'Customers',
      searchBy: 'Search by',
      by: { cpf: 'CPF', email: 'E-mail', name: 'Name' },
      query: 'Search',
      search: 'Search',
      none: 'No customer found.',
      createdAt: 'Registered on',
      previous: 'Previous',
      next: 'Next',
    },
    customer: {
      version: 'Version',
      history: 'History',
      when: 'When',
      what: 'What',
      who: 'Who',
      fields: 'Fields',
    },
    apiKeys: {
      title: 'API keys',
      intro: 'Keys for the company’s other systems. A key is shown only once, when it is created.',
      name: 'Key name',
      create: 'Create key',
      created: 'Copy the key now: it will not be shown again.',
      status: 'Status',
      active: 'Active',
      revoked: 'Revoked',
      actions: 'Actions',
      revoke: 'Revoke',
      revokeNamed: 'Revoke the key {{name}}',
    },
    storage: {
      title: 'Storage',
      intro:
        'The bucket’s objects by prefix, storage class and age; what the lifecycle rules will move and when; and the projected monthly storage cost with and without the rules.',
      empty: 'The bucket has no objects.',
      objects: 'Objects',
      size: 'Size',
      total: 'Total',
      bucket: 'Bucket',
      asOf: 'As of',
      asOfField: 'Project to the day',
      asOfHint: 'Empty: today. A later date shows the cost after the transitions due by then.',
      groups: {
        caption: 'Objects by prefix, storage class and age',
        prefix: 'Prefix',
        storageClass: 'Class',
        ageBand: 'Age',
        other: '(other)',
      },
      ageBands: {
        '0-30': 'under 30 days',
        '30-90': '30 to 90 days',
        '90-180': '90 to 180 days',
        '180-365': '180 to 365 days',
        '365+': '365 days or more',
      },
      schedule: {
        caption: 'What the rules will move and when',
        when: 'When',
        action: 'Action',
        due: 'Already due (at S3’s next daily run)',
        transition: 'Transition to {{storageClass}}',
        expire: 'Deletion',
        none: 'The rules schedule no transition or deletion.',
        smallKept:
          '{{objects}} object(s) ({{size}}) under 128 KB stay in STANDARD: moving them would cost more than it saves.',
      },
      cost: {
        caption: 'Projected monthly storage cost (USD/month)',
        scenario: 'Scenario',
        usdPerMonth: 'USD/month',
        asStored: 'As stored today',
        withoutRules: 'Without the rules (everything in STANDARD)',
        withRules: 'With the rules due by the report’s date',
        prices: 'Prices of region {{region}}: {{source}}.',
        estimates: 'Some prices for this region are estimates (see the notes).',
        storageOnly: 'Storage only: requests, transitions and retrievals are billed on top.',
      },
      rulesFromInfra:
        'The S3 endpoint did not report the bucket’s rules: the report applies the desired rules of the infrastructure.',
      truncated:
        'The listing stopped at {{max}} objects: the figures cover the first keys only, not the whole bucket.',
      notes: 'Report notes',
    },
  },
  backups: backupsEn,
};

registerTexts({ 'pt-BR': adminPtBR, en: adminEn });
