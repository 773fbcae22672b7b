import type { EmailWordsTranslation } from '../email-words.js';

/** French (fr). */
export default {
  confirm: {
    subject: 'Confirmez votre adresse e-mail',
    intro: 'Vous avez demandé à recevoir un e-mail lorsque quelqu’un répond à votre commentaire sur {host}.',
    action: 'Confirmer mon adresse e-mail',
    expires: 'Ce lien est valable 7\u00a0jours.',
    ignore:
      'Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail\u00a0: plus rien ne sera envoyé à cette adresse.',
    pageHeading: 'Confirmez votre adresse e-mail',
    pageBody: 'Les e-mails concernant les réponses seront envoyés à {email}.',
    confirmed:
      'Merci\u202f! Votre adresse e-mail est confirmée. Vous recevrez un e-mail lorsque quelqu’un vous répondra.',
    invalid: 'Ce lien a expiré ou a déjà été utilisé.',
  },
  reply: {
    subjectReply: '{name} a répondu à votre commentaire',
    subjectThread: 'Nouveau commentaire de {name}',
    subjectDigest: {
      one: '{count} nouveau commentaire',
      many: '{count} de nouveaux commentaires',
      other: '{count} nouveaux commentaires',
    },
    wrote: '{name} a écrit\u00a0:',
    repliedTo: 'En réponse à votre commentaire\u00a0:',
    open: 'Lire et répondre',
    why: 'Vous recevez cet e-mail parce que vous avez demandé à suivre les réponses sur {host}.',
  },
  unsubscribe: {
    stopThread: 'Ne plus recevoir d’e-mails sur cette discussion',
    stopAll: 'Ne plus recevoir aucun e-mail de {host}',
    pageHeading: 'Paramètres des e-mails',
    pageBody: 'Les e-mails concernant les réponses sont envoyés à {email}.',
    forget: 'Arrêter tous les e-mails et oublier mon adresse e-mail',
    forgetNote: 'Vos commentaires restent en ligne, sans l’adresse.',
    stoppedThread: 'C’est fait\u00a0: vous ne recevrez plus d’e-mails sur cette discussion.',
    stoppedAll: 'C’est fait\u00a0: plus aucun e-mail ne sera envoyé à cette adresse.',
    forgotten: 'C’est fait\u00a0: votre adresse e-mail a été effacée.',
    invalid: 'Ce lien n’est pas valide.',
  },
  moderation: {
    subject: 'En attente de validation\u00a0: un commentaire de {name}',
    intro: 'Un commentaire sur {host} attend la validation d’un modérateur.',
    reason: 'Motif de la mise en attente\u00a0: {reason}',
    approve: 'Approuver',
    reject: 'Rejeter',
    openAdmin: 'Ouvrir la page de modération',
    expires: 'Ces liens sont valables 7\u00a0jours et ne nécessitent aucune connexion.',
    pageHeading: 'Modération',
    pageApprove: 'Approuver ce commentaire\u202f?',
    pageReject: 'Rejeter ce commentaire\u202f?',
    approved: 'Approuvé\u00a0: le commentaire est publié.',
    rejected: 'Rejeté\u00a0: le commentaire est supprimé.',
    alreadyDone: 'Rien à faire\u00a0: un modérateur a déjà traité ce commentaire.',
    invalid: 'Ce lien a expiré ou n’est pas valide.',
  },
} satisfies EmailWordsTranslation;
