import type { EmailWordsTranslation } from '../email-words.js';

/** German (de). */
export default {
  confirm: {
    subject: 'Bestätigen Sie Ihre E-Mail-Adresse',
    intro:
      'Sie möchten per E-Mail benachrichtigt werden, wenn jemand auf Ihren Kommentar auf {host} antwortet.',
    action: 'Meine E-Mail-Adresse bestätigen',
    expires: 'Der Link ist 7 Tage lang gültig.',
    ignore:
      'Falls Sie das nicht waren, ignorieren Sie diese E-Mail: An diese Adresse wird dann nichts mehr gesendet.',
    pageHeading: 'Bestätigen Sie Ihre E-Mail-Adresse',
    pageBody: 'Benachrichtigungen über Antworten werden an {email} gesendet.',
    confirmed:
      'Vielen Dank! Ihre E-Mail-Adresse ist bestätigt. Sie werden per E-Mail über Antworten benachrichtigt.',
    invalid: 'Dieser Link ist abgelaufen oder wurde bereits verwendet.',
  },
  reply: {
    subjectReply: '{name} hat auf Ihren Kommentar geantwortet',
    subjectThread: 'Neuer Kommentar von {name}',
    subjectDigest: { one: '{count} neuer Kommentar', other: '{count} neue Kommentare' },
    wrote: '{name} schrieb:',
    repliedTo: 'Als Antwort auf Ihren Kommentar:',
    open: 'Lesen und antworten',
    why: 'Sie erhalten diese E-Mail, weil Sie über Antworten auf {host} benachrichtigt werden möchten.',
  },
  unsubscribe: {
    stopThread: 'Keine E-Mails mehr zu dieser Diskussion',
    stopAll: 'Keine E-Mails mehr von {host}',
    pageHeading: 'E-Mail-Einstellungen',
    pageBody: 'Benachrichtigungen über Antworten gehen an {email}.',
    forget: 'Alle E-Mails abbestellen und meine E-Mail-Adresse löschen',
    forgetNote: 'Ihre Kommentare bleiben erhalten, nur ohne die Adresse.',
    stoppedThread: 'Erledigt: Sie erhalten keine E-Mails mehr zu dieser Diskussion.',
    stoppedAll: 'Erledigt: An diese Adresse werden keine E-Mails mehr gesendet.',
    forgotten: 'Erledigt: Ihre E-Mail-Adresse wurde gelöscht.',
    invalid: 'Dieser Link ist ungültig.',
  },
  moderation: {
    subject: 'Wartet auf Freigabe: ein Kommentar von {name}',
    intro: 'Ein Kommentar auf {host} wartet auf Moderation.',
    reason: 'Grund für die Zurückhaltung: {reason}',
    approve: 'Freigeben',
    reject: 'Ablehnen',
    openAdmin: 'Moderationsseite öffnen',
    expires: 'Die Links sind 7 Tage lang gültig und funktionieren ohne Anmeldung.',
    pageHeading: 'Moderation',
    pageApprove: 'Diesen Kommentar freigeben?',
    pageReject: 'Diesen Kommentar ablehnen?',
    approved: 'Freigegeben: Der Kommentar ist veröffentlicht.',
    rejected: 'Abgelehnt: Der Kommentar wurde gelöscht.',
    alreadyDone: 'Nichts zu tun: Dieser Kommentar wurde bereits moderiert.',
    invalid: 'Dieser Link ist abgelaufen oder ungültig.',
  },
} satisfies EmailWordsTranslation;
