import type { EmailWordsTranslation } from '../email-words.js';

/** Brazilian Portuguese (pt-BR). */
export default {
  confirm: {
    subject: 'Confirme seu endereço de e-mail',
    intro: 'Você pediu para receber um e-mail quando alguém responder ao seu comentário em {host}.',
    action: 'Confirmar meu endereço de e-mail',
    expires: 'O link vale por 7 dias.',
    ignore: 'Se não foi você, ignore este e-mail: nada mais será enviado para este endereço.',
    pageHeading: 'Confirme seu endereço de e-mail',
    pageBody: 'Os e-mails sobre respostas serão enviados para {email}.',
    confirmed:
      'Obrigado! Seu endereço de e-mail foi confirmado. Você receberá um e-mail quando alguém responder.',
    invalid: 'Este link expirou ou já foi usado.',
  },
  reply: {
    subjectReply: '{name} respondeu ao seu comentário',
    subjectThread: 'Novo comentário de {name}',
    subjectDigest: {
      one: '{count} novo comentário',
      many: '{count} de novos comentários',
      other: '{count} novos comentários',
    },
    wrote: '{name} escreveu:',
    repliedTo: 'Em resposta ao seu comentário:',
    open: 'Ler e responder',
    why: 'Você está recebendo este e-mail porque pediu avisos de respostas em {host}.',
  },
  unsubscribe: {
    stopThread: 'Parar de receber e-mails sobre esta conversa',
    stopAll: 'Parar de receber todos os e-mails de {host}',
    pageHeading: 'Configurações de e-mail',
    pageBody: 'Os e-mails sobre respostas são enviados para {email}.',
    forget: 'Parar todos os e-mails e esquecer meu endereço de e-mail',
    forgetNote: 'Seus comentários continuam publicados, sem o endereço.',
    stoppedThread: 'Pronto: você não receberá mais e-mails sobre esta conversa.',
    stoppedAll: 'Pronto: nenhum outro e-mail será enviado para este endereço.',
    forgotten: 'Pronto: seu endereço de e-mail foi apagado.',
    invalid: 'Este link não é válido.',
  },
  moderation: {
    subject: 'Aguardando aprovação: um comentário de {name}',
    intro: 'Um comentário em {host} está aguardando um moderador.',
    reason: 'Motivo da retenção: {reason}',
    approve: 'Aprovar',
    reject: 'Rejeitar',
    openAdmin: 'Abrir a página de moderação',
    expires: 'Os links valem por 7 dias e não exigem login.',
    pageHeading: 'Moderação',
    pageApprove: 'Aprovar este comentário?',
    pageReject: 'Rejeitar este comentário?',
    approved: 'Aprovado: o comentário foi publicado.',
    rejected: 'Rejeitado: o comentário foi excluído.',
    alreadyDone: 'Nada a fazer: um moderador já cuidou deste comentário.',
    invalid: 'Este link expirou ou não é válido.',
  },
} satisfies EmailWordsTranslation;
