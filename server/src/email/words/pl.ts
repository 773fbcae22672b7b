import type { EmailWordsTranslation } from '../email-words.js';

/** Polish (pl). */
export default {
  confirm: {
    subject: 'Potwierdź swój adres e-mail',
    intro: 'Otrzymaliśmy prośbę o wysłanie e-maila, gdy ktoś odpowie na Twój komentarz w witrynie {host}.',
    action: 'Potwierdź mój adres e-mail',
    expires: 'Link jest ważny przez 7 dni.',
    ignore: 'Jeśli to nie Ty, zignoruj tę wiadomość: na ten adres nic więcej nie zostanie wysłane.',
    pageHeading: 'Potwierdź swój adres e-mail',
    pageBody: 'Powiadomienia o odpowiedziach będą wysyłane na adres {email}.',
    confirmed:
      'Dziękujemy! Twój adres e-mail został potwierdzony. Powiadomienia o odpowiedziach będą przychodzić e-mailem.',
    invalid: 'Ten link wygasł lub został już użyty.',
  },
  reply: {
    subjectReply: '{name} odpowiada na Twój komentarz',
    subjectThread: 'Nowy komentarz od użytkownika {name}',
    subjectDigest: {
      one: '{count} nowy komentarz',
      few: '{count} nowe komentarze',
      many: '{count} nowych komentarzy',
      other: '{count} nowego komentarza',
    },
    wrote: '{name} pisze:',
    repliedTo: 'W odpowiedzi na Twój komentarz:',
    open: 'Przeczytaj i odpowiedz',
    why: 'Otrzymujesz tę wiadomość, ponieważ ten adres jest zapisany na powiadomienia o odpowiedziach w witrynie {host}.',
  },
  unsubscribe: {
    stopThread: 'Wyłącz wiadomości o tej dyskusji',
    stopAll: 'Wyłącz wszystkie wiadomości z witryny {host}',
    pageHeading: 'Ustawienia powiadomień e-mail',
    pageBody: 'Powiadomienia o odpowiedziach są wysyłane na adres {email}.',
    forget: 'Wyłącz wszystkie wiadomości i usuń mój adres e-mail',
    forgetNote: 'Twoje komentarze zostaną, ale bez adresu.',
    stoppedThread: 'Gotowe: wiadomości o tej dyskusji nie będą już wysyłane.',
    stoppedAll: 'Gotowe: na ten adres nie będą już wysyłane żadne wiadomości.',
    forgotten: 'Gotowe: Twój adres e-mail został usunięty.',
    invalid: 'Ten link jest nieprawidłowy.',
  },
  moderation: {
    subject: 'Czeka na zatwierdzenie: komentarz od użytkownika {name}',
    intro: 'Komentarz w witrynie {host} czeka na moderatora.',
    reason: 'Powód wstrzymania: {reason}',
    approve: 'Zatwierdź',
    reject: 'Odrzuć',
    openAdmin: 'Otwórz stronę moderacji',
    expires: 'Linki są ważne przez 7 dni i nie wymagają logowania.',
    pageHeading: 'Moderacja',
    pageApprove: 'Zatwierdzić ten komentarz?',
    pageReject: 'Odrzucić ten komentarz?',
    approved: 'Zatwierdzono: komentarz został opublikowany.',
    rejected: 'Odrzucono: komentarz został usunięty.',
    alreadyDone: 'Nic do zrobienia: moderator już zajął się tym komentarzem.',
    invalid: 'Ten link wygasł lub jest nieprawidłowy.',
  },
} satisfies EmailWordsTranslation;
