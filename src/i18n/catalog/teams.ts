// Texts only the Teams adapter says: what the bot understands, and who it does not know.

const ms = {
  'teams.help':
    'Saya faham arahan berikut: {commands}. Contoh: "changerequest Tambah rakan.com.my ke senarai putih".',
  'teams.home.personal':
    'Senarai tiket anda hanya untuk anda: taip "{word}" dalam sembang peribadi anda dengan mailops.',
  'teams.bad_button':
    'Butang ini tidak dapat dibaca. Taip "tiket" dalam sembang anda dengan mailops, buka tiket itu dan cuba sekali lagi.',
  'teams.unknown_user':
    'Akaun Teams anda belum didaftarkan dalam mailops. Minta pentadbir menambah ID objek Microsoft Entra anda pada konfigurasi, kemudian cuba {command} semula.',
} as const;

const en: Record<keyof typeof ms, string> = {
  'teams.help':
    'I understand these commands: {commands}. For example: "changerequest Add rakan.com.my to the allow list".',
  'teams.home.personal':
    'Your ticket list is for you alone: type "{word}" in your personal chat with mailops.',
  'teams.bad_button':
    'This button could not be read. Type "tickets" in your chat with mailops, open the ticket there and try again.',
  'teams.unknown_user':
    'Your Teams account is not registered in mailops yet. Ask the admin to add your Microsoft Entra object ID to the configuration, then try {command} again.',
};

export const teams = { ms, en };
