import type { EmailWordsTranslation } from '../email-words.js';

/** Spanish (es). */
export default {
  confirm: {
    subject: 'Confirma tu dirección de correo electrónico',
    intro: 'Has pedido recibir un correo cuando alguien responda a tu comentario en {host}.',
    action: 'Confirmar mi dirección de correo',
    expires: 'El enlace es válido durante 7 días.',
    ignore: 'Si no has sido tú, ignora este correo: no se enviará nada más a esta dirección.',
    pageHeading: 'Confirma tu dirección de correo electrónico',
    pageBody: 'Los correos sobre respuestas se enviarán a {email}.',
    confirmed:
      'Gracias: tu dirección de correo está confirmada. Recibirás un correo cuando alguien te responda.',
    invalid: 'Este enlace ha caducado o ya se ha usado.',
  },
  reply: {
    subjectReply: '{name} ha respondido a tu comentario',
    subjectThread: 'Nuevo comentario de {name}',
    subjectDigest: {
      one: '{count} comentario nuevo',
      many: '{count} de comentarios nuevos',
      other: '{count} comentarios nuevos',
    },
    wrote: '{name} escribió:',
    repliedTo: 'En respuesta a tu comentario:',
    open: 'Leer y responder',
    why: 'Recibes este correo porque pediste que te avisáramos de las respuestas en {host}.',
  },
  unsubscribe: {
    stopThread: 'No recibir más correos sobre esta conversación',
    stopAll: 'No recibir ningún correo más de {host}',
    pageHeading: 'Configuración de correo',
    pageBody: 'Los correos sobre respuestas se envían a {email}.',
    forget: 'Dejar de recibir correos y olvidar mi dirección',
    forgetNote: 'Tus comentarios se conservan, sin la dirección.',
    stoppedThread: 'Listo: ya no recibirás correos sobre esta conversación.',
    stoppedAll: 'Listo: no se enviarán más correos a esta dirección.',
    forgotten: 'Listo: tu dirección de correo se ha eliminado.',
    invalid: 'Este enlace no es válido.',
  },
  moderation: {
    subject: 'Pendiente de revisión: un comentario de {name}',
    intro: 'Un comentario en {host} está pendiente de revisión por un moderador.',
    reason: 'Motivo de la retención: {reason}',
    approve: 'Aprobar',
    reject: 'Rechazar',
    openAdmin: 'Abrir la página de moderación',
    expires: 'Los enlaces son válidos durante 7 días y no requieren iniciar sesión.',
    pageHeading: 'Moderación',
    pageApprove: '¿Aprobar este comentario?',
    pageReject: '¿Rechazar este comentario?',
    approved: 'Aprobado: el comentario se ha publicado.',
    rejected: 'Rechazado: el comentario se ha eliminado.',
    alreadyDone: 'No hay nada que hacer: un moderador ya se ha ocupado de este comentario.',
    invalid: 'Este enlace ha caducado o no es válido.',
  },
} satisfies EmailWordsTranslation;
