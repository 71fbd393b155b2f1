// Texts only the Slack adapter says: refusals before a form opens, and failures.

const ms = {
  'slack.command.needs_role':
    'Arahan {command} hanya untuk Pentadbir UC Agensi (peranan pemohon). Hubungi pentadbir mailops jika anda sepatutnya mempunyai peranan ini.',
  'slack.unknown_user':
    'Akaun Slack anda belum didaftarkan dalam mailops. Minta pentadbir menambah ID ahli Slack anda pada konfigurasi, kemudian cuba {command} semula.',
  'slack.failed':
    'Maaf, permintaan ini gagal kerana masalah sistem; tiada apa-apa yang hilang. Cuba lagi sebentar lagi, atau berikan rujukan {reference} kepada Meja Bantuan.',
  'slack.form.malformed': 'Borang ini tidak dapat dibaca. Tutup dan buka semula daripada kad tiket.',
  'slack.notice.title': 'mailops',
  'slack.notice.close': 'Tutup',
} as const;

const en: Record<keyof typeof ms, string> = {
  'slack.command.needs_role':
    'The {command} command is for agency UC administrators (the requester role). Ask the mailops admin if you should have this role.',
  'slack.unknown_user':
    'Your Slack account is not registered in mailops yet. Ask the admin to add your Slack member ID to the configuration, then try {command} again.',
  'slack.failed':
    'Sorry, this request failed because of a system problem; nothing was lost. Try again shortly, or give reference {reference} to the service desk.',
  'slack.form.malformed': 'This form could not be read. Close it and open it again from the ticket card.',
  'slack.notice.title': 'mailops',
  'slack.notice.close': 'Close',
};

export const slack = { ms, en };
