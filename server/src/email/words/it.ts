import type { EmailWordsTranslation } from '../email-words.js';

/** Italian (it). */
export default {
  confirm: {
    subject: 'Conferma il tuo indirizzo email',
    intro: 'Hai chiesto di ricevere un’email quando qualcuno risponde al tuo commento su {host}.',
    action: 'Conferma il mio indirizzo email',
    expires: 'Il link è valido per 7 giorni.',
    ignore:
      'Se la richiesta non è partita da te, ignora questa email: a questo indirizzo non verrà inviato nient’altro.',
    pageHeading: 'Conferma il tuo indirizzo email',
    pageBody: 'Le email sulle risposte verranno inviate a {email}.',
    confirmed: 'Grazie: il tuo indirizzo email è confermato. Riceverai un’email quando qualcuno ti risponde.',
    invalid: 'Questo link è scaduto o è già stato usato.',
  },
  reply: {
    subjectReply: '{name} ha risposto al tuo commento',
    subjectThread: 'Nuovo commento di {name}',
    subjectDigest: {
      one: '{count} nuovo commento',
      many: '{count} di nuovi commenti',
      other: '{count} nuovi commenti',
    },
    wrote: '{name} ha scritto:',
    repliedTo: 'In risposta al tuo commento:',
    open: 'Leggi e rispondi',
    why: 'Ricevi questa email perché hai chiesto di ricevere le notifiche delle risposte su {host}.',
  },
  unsubscribe: {
    stopThread: 'Non ricevere più email su questa discussione',
    stopAll: 'Non ricevere più email da {host}',
    pageHeading: 'Impostazioni email',
    pageBody: 'Le email sulle risposte vengono inviate a {email}.',
    forget: 'Interrompi tutte le email e dimentica il mio indirizzo',
    forgetNote: 'I tuoi commenti restano, senza l’indirizzo.',
    stoppedThread: 'Fatto: non riceverai più email su questa discussione.',
    stoppedAll: 'Fatto: a questo indirizzo non verranno più inviate email.',
    forgotten: 'Fatto: il tuo indirizzo email è stato eliminato.',
    invalid: 'Questo link non è valido.',
  },
  moderation: {
    subject: 'In attesa di approvazione: un commento di {name}',
    intro: 'Un commento su {host} è in attesa di un moderatore.',
    reason: 'Motivo della sospensione: {reason}',
    approve: 'Approva',
    reject: 'Rifiuta',
    openAdmin: 'Apri la pagina di moderazione',
    expires: 'I link sono validi per 7 giorni e non richiedono l’accesso.',
    pageHeading: 'Moderazione',
    pageApprove: 'Approvare questo commento?',
    pageReject: 'Rifiutare questo commento?',
    approved: 'Approvato: il commento è pubblicato.',
    rejected: 'Rifiutato: il commento è stato eliminato.',
    alreadyDone: 'Niente da fare: un moderatore si è già occupato di questo commento.',
    invalid: 'Questo link è scaduto o non è valido.',
  },
} satisfies EmailWordsTranslation;
