import type { AttachmentKind, RestoreTier } from '@cadastro/contracts';

const kindsPtBR: Record<AttachmentKind, string> = {
  identity: 'Documento de identidade',
  proof_of_address: 'Comprovante de endereço',
  other: 'Outro documento',
};

const tiersPtBR: Record<RestoreTier, string> = {
  Expedited: 'Expressa (minutos)',
  Standard: 'Padrão (até 12 horas)',
  Bulk: 'Econômica (até 48 horas)',
};

/** The attachments feature's texts; `pt-BR.ts` and `en.ts` mount them under `attachments`. */
export const attachmentsPtBR = {
  title: 'Meus documentos',
  intro: 'Envie documentos em PDF, JPEG ou PNG de até {{maxSize}}.',
  kindLabel: 'Tipo de documento',
  kinds: kindsPtBR,
  tiers: tiersPtBR,
  dropzone: 'Arraste o arquivo para cá ou',
  choose: 'escolha um arquivo',
  uploading: 'Enviando {{fileName}}',
  checking: 'Verificando o arquivo…',
  uploaded: '{{fileName}} foi enviado.',
  progressLabel: 'Progresso do envio',
  listTitle: 'Documentos enviados',
  empty: 'Nenhum documento enviado ainda.',
  loading: 'Carregando…',
  loadMore: 'Mostrar mais',
  columns: {
    file: 'Arquivo',
    kind: 'Tipo',
    size: 'Tamanho',
    sentAt: 'Enviado em',
    state: 'Situação',
    actions: 'Ações',
  },
  states: {
    pending: 'Envio pendente',
    stored: 'Disponível',
    archived: 'Arquivado',
    restoring: 'Restaurando — pronto em até {{date}}',
    restoringNoDate: 'Restaurando',
    restored: 'Disponível até {{date}}',
  },
  download: 'Baixar',
  downloadOf: 'Baixar {{fileName}}',
  remove: 'Remover',
  removeOf: 'Remover {{fileName}}',
  confirmRemove: 'Remover {{fileName}}? Não é possível desfazer.',
  restore: 'Restaurar',
  restoreOf: 'Restaurar {{fileName}}',
  restoreTier: 'Velocidade',
  restoreNote:
    'Arquivos arquivados precisam ser restaurados antes do download; a cópia fica disponível por {{days}} dias.',
};
export type AttachmentsTranslation = typeof attachmentsPtBR;

export const attachmentsEn: AttachmentsTranslation = {
  title: 'My documents',
  intro: 'Upload documents as PDF, JPEG or PNG, up to {{maxSize}}.',
  kindLabel: 'Kind of document',
  kinds: { identity: 'Identity document', proof_of_address: 'Proof of address', other: 'Other document' },
  tiers: {
    Expedited: 'Expedited (minutes)',
    Standard: 'Standard (up to 12 hours)',
    Bulk: 'Bulk (up to 48 hours)',
  },
  dropzone: 'Drag the file here or',
  choose: 'choose a file',
  uploading: 'Uploading {{fileName}}',
  checking: 'Checking the file…',
  uploaded: '{{fileName}} was uploaded.',
  progressLabel: 'Upload progress',
  listTitle: 'Uploaded documents',
  empty: 'No documents uploaded yet.',
  loading: 'Loading…',
  loadMore: 'Show more',
  columns: {
    file: 'File',
    kind: 'Kind',
    size: 'Size',
    sentAt: 'Uploaded',
    state: 'Status',
    actions: 'Actions',
  },
  states: {
    pending: 'Upload pending',
    stored: 'Available',
    archived: 'Archived',
    restoring: 'Restoring — ready by {{date}}',
    restoringNoDate: 'Restoring',
    restored: 'Available until {{date}}',
  },
  download: 'Download',
  downloadOf: 'Download {{fileName}}',
  remove: 'Remove',
  removeOf: 'Remove {{fileName}}',
  confirmRemove: 'Remove {{fileName}}? This cannot be undone.',
  restore: 'Restore',
  restoreOf: 'Restore {{fileName}}',
  restoreTier: 'Speed',
  restoreNote:
    'Archived files must be restored before they can be downloaded; the copy stays available for {{days}} days.',
};
