// Texts of the local playground (the web page `npm start` serves when no chat credentials exist): its
// channels and personal chat, the errors its API answers with, the ticket timeline, and every word the
// page itself shows. The page receives them through /playground/api/setup in the language it asks for.

const ms = {
  // Said by the server: conversation names, API errors, the timeline's sentences.
  'playground.channel.approvals': 'Kelulusan MAMPU/JDN',
  'playground.channel.soc': 'VAS SOC',
  'playground.channel.vendor': 'Vendor',
  'playground.channel.announcements': 'Pengumuman',
  'playground.channel.service_desk': 'Meja Bantuan',
  'playground.chat.bot': 'Sembang dengan mailops',
  'playground.error.unknown_person': 'Tiada orang bernama {person} dalam konfigurasi.',
  'playground.error.unknown_conversation': 'Tiada perbualan {conversation} dalam taman permainan ini.',
  'playground.error.unknown_message':
    'Mesej itu tiada dalam perbualan ini. Muat semula halaman dan cuba lagi.',
  'playground.error.foreign_host':
    'Taman permainan ini tidak menjawab di {host}. Bukanya di alamat yang dicetak oleh npm start, atau senaraikan nama itu dalam MAILOPS_PLAYGROUND_HOSTS.',
  'playground.error.foreign_site':
    'Permintaan dari laman lain ditolak: hanya halaman taman permainan ini sendiri boleh menggunakannya.',
  'playground.error.not_json': 'Hantar badan JSON (content-type: application/json).',
  'playground.error.empty_text': 'Taip mesej atau arahan dahulu.',
  'playground.error.long_text': 'Mesej terlalu panjang: paling banyak {max} aksara.',
  'playground.error.not_member': '{person} tidak boleh melihat perbualan ini.',
  'playground.error.bot_failed':
    'Bot tidak menjawab kerana ralat dalaman. Rujukan: {reference}. Butirannya ada dalam log pelayan.',
  'playground.timeline.closed': 'Tiada tindakan lagi',

  // Said by the page.
  'playground.title': 'mailops · Taman permainan tempatan',
  'playground.subtitle': 'Taman permainan tempatan',
  'playground.skip': 'Langkau ke mesej',
  'playground.loading': 'Memuatkan…',
  'playground.identity.label': 'Anda bertindak sebagai',
  'playground.identity.hint':
    'Tukar orang untuk melihat apa yang dilihat dan boleh dilakukan oleh setiap peranan.',
  'playground.language.label': 'Bahasa',
  'playground.nav.label': 'Perbualan',
  'playground.nav.channels': 'Saluran',
  'playground.nav.chats': 'Sembang peribadi',
  'playground.unread': 'mesej baharu',
  'playground.hint.approvals':
    'Kad kelulusan untuk pelulus MAMPU/JDN: luluskan atau tolak permohonan perubahan di sini.',
  'playground.hint.soc':
    'Kerja VAS SOC: melaksanakan perubahan, menyiasat aduan dan mengeskalasi kepada vendor.',
  'playground.hint.vendor': 'Tiket yang dieskalasi oleh VAS SOC kepada vendor untuk diselesaikan.',
  'playground.hint.announcements': 'Permohonan perubahan yang telah selesai diumumkan di sini.',
  'playground.hint.service_desk': 'Meja Bantuan mengikuti setiap tiket dan menerima eskalasi SLA di sini.',
  'playground.hint.chat': 'Sembang peribadi anda dengan bot: taip arahan, isi borang dan terima peringatan.',
  'playground.messages.label': 'Mesej',
  'playground.messages.empty': 'Belum ada mesej di sini.',
  'playground.messages.empty_chat':
    'Mulakan dengan arahan: /changerequest untuk memfailkan permohonan perubahan, /mailcomplaint untuk aduan e-mel, atau /mailtest contoh.gov.my untuk mendiagnosis domain.',
  'playground.message.edited': 'dikemas kini',
  'playground.message.reply': 'Balasan',
  'playground.message.bot': 'Bot',
  'playground.message.you': 'anda',
  'playground.day.today': 'Hari ini',
  'playground.day.yesterday': 'Semalam',
  'playground.card.personal': 'Hanya anda yang melihat paparan ini',
  'playground.card.working': 'Sedang diproses…',
  'playground.card.unsupported': 'Kad ini tidak dapat dipaparkan.',
  'playground.action.dismiss': 'Tutup',
  'playground.composer.label': 'Mesej kepada {conversation}',
  'playground.composer.placeholder': 'Taip /changerequest atau /mailtest contoh.gov.my',
  'playground.composer.send': 'Hantar',
  'playground.composer.try': 'Cuba:',
  'playground.composer.home_word': 'tiket',
  'playground.timeline.title': 'Garis masa tiket',
  'playground.timeline.subtitle': 'Setiap tiket dalam taman permainan, yang terbaru dahulu.',
  'playground.timeline.empty':
    'Belum ada tiket. Failkan satu dengan /changerequest atau /mailcomplaint dan ia akan muncul di sini.',
  'playground.timeline.events': 'Sejarah ({count})',
  'playground.timeline.updated': 'Dikemas kini {time}',
  'playground.connection.reconnecting': 'Sambungan terputus, menyambung semula…',
  'playground.error.network': 'Pelayan mailops tidak dapat dihubungi. Adakah npm start masih berjalan?',
} as const;

const en: Record<keyof typeof ms, string> = {
  'playground.channel.approvals': 'MAMPU/JDN approvals',
  'playground.channel.soc': 'VAS SOC',
  'playground.channel.vendor': 'Vendor',
  'playground.channel.announcements': 'Announcements',
  'playground.channel.service_desk': 'Service desk',
  'playground.chat.bot': 'Chat with mailops',
  'playground.error.unknown_person': 'No person called {person} in the configuration.',
  'playground.error.unknown_conversation': 'No conversation {conversation} in this playground.',
  'playground.error.unknown_message':
    'That message is not in this conversation. Reload the page and try again.',
  'playground.error.foreign_host':
    'The playground does not answer at {host}. Open it at the address npm start printed, or list that name in MAILOPS_PLAYGROUND_HOSTS.',
  'playground.error.foreign_site':
    "Requests from another site are refused: only the playground's own page may use it.",
  'playground.error.not_json': 'Send a JSON body (content-type: application/json).',
  'playground.error.empty_text': 'Type a message or a command first.',
  'playground.error.long_text': 'The message is too long: {max} characters at most.',
  'playground.error.not_member': '{person} cannot see this conversation.',
  'playground.error.bot_failed':
    'The bot did not answer because of an internal error. Reference: {reference}. The details are in the server log.',
  'playground.timeline.closed': 'No further action',

  'playground.title': 'mailops · Local playground',
  'playground.subtitle': 'Local playground',
  'playground.skip': 'Skip to messages',
  'playground.loading': 'Loading…',
  'playground.identity.label': 'You are acting as',
  'playground.identity.hint': 'Switch person to see what each role sees and may do.',
  'playground.language.label': 'Language',
  'playground.nav.label': 'Conversations',
  'playground.nav.channels': 'Channels',
  'playground.nav.chats': 'Personal chat',
  'playground.unread': 'new messages',
  'playground.hint.approvals':
    'Approval cards for the MAMPU/JDN approvers: approve or reject change requests here.',
  'playground.hint.soc':
    'VAS SOC work: implementing changes, investigating complaints and escalating to the vendor.',
  'playground.hint.vendor': 'Tickets VAS SOC escalated to the vendor to resolve.',
  'playground.hint.announcements': 'Finished change requests are announced here.',
  'playground.hint.service_desk': 'The service desk follows every ticket and receives SLA escalations here.',
  'playground.hint.chat': 'Your personal chat with the bot: type commands, fill in forms and get reminders.',
  'playground.messages.label': 'Messages',
  'playground.messages.empty': 'No messages here yet.',
  'playground.messages.empty_chat':
    'Start with a command: /changerequest to file a change request, /mailcomplaint to report an e-mail problem, or /mailtest example.gov.my to diagnose a domain.',
  'playground.message.edited': 'updated',
  'playground.message.reply': 'Reply',
  'playground.message.bot': 'Bot',
  'playground.message.you': 'you',
  'playground.day.today': 'Today',
  'playground.day.yesterday': 'Yesterday',
  'playground.card.personal': 'Only you can see this view',
  'playground.card.working': 'Working…',
  'playground.card.unsupported': 'This card cannot be shown.',
  'playground.action.dismiss': 'Dismiss',
  'playground.composer.label': 'Message {conversation}',
  'playground.composer.placeholder': 'Type /changerequest or /mailtest example.gov.my',
  'playground.composer.send': 'Send',
  'playground.composer.try': 'Try:',
  'playground.composer.home_word': 'tickets',
  'playground.timeline.title': 'Ticket timeline',
  'playground.timeline.subtitle': 'Every ticket in the playground, newest first.',
  'playground.timeline.empty':
    'No tickets yet. File one with /changerequest or /mailcomplaint and it will appear here.',
  'playground.timeline.events': 'History ({count})',
  'playground.timeline.updated': 'Updated {time}',
  'playground.connection.reconnecting': 'Connection lost, reconnecting…',
  'playground.error.network': 'Cannot reach the mailops server. Is npm start still running?',
};

export const playground = { ms, en };
