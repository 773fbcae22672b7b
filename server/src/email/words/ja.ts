import type { EmailWordsTranslation } from '../email-words.js';

/** Japanese (ja). */
export default {
  confirm: {
    subject: 'メールアドレスの確認',
    intro: '{host} でのコメントに返信があったときのメール通知をお申し込みいただきました。',
    action: 'メールアドレスを確認する',
    expires: 'このリンクの有効期間は7日間です。',
    ignore:
      'お心当たりがない場合は、このメールを無視してください。このアドレスに今後メールが送信されることはありません。',
    pageHeading: 'メールアドレスの確認',
    pageBody: '返信の通知は {email} に送信されます。',
    confirmed:
      'ありがとうございます。メールアドレスを確認しました。返信があったときはメールでお知らせします。',
    invalid: 'このリンクは有効期限が切れているか、すでに使用されています。',
  },
  reply: {
    subjectReply: '{name} さんがあなたのコメントに返信しました',
    subjectThread: '{name} さんから新しいコメントがあります',
    subjectDigest: { other: '新しいコメントが{count}件あります' },
    wrote: '{name} さんのコメント：',
    repliedTo: '返信先のあなたのコメント：',
    open: '読んで返信する',
    why: '{host} での返信通知をお申し込みいただいたため、このメールをお送りしています。',
  },
  unsubscribe: {
    stopThread: 'このスレッドに関するメールを停止',
    stopAll: '{host} からのメールをすべて停止',
    pageHeading: 'メール設定',
    pageBody: '返信の通知は {email} に送信されています。',
    forget: 'すべてのメールを停止し、メールアドレスを削除',
    forgetNote: 'コメントはそのまま残り、アドレスのみ削除されます。',
    stoppedThread: '完了しました。このスレッドに関するメールは今後送信されません。',
    stoppedAll: '完了しました。このアドレスには今後メールが送信されません。',
    forgotten: '完了しました。メールアドレスを削除しました。',
    invalid: 'このリンクは無効です。',
  },
  moderation: {
    subject: '承認待ち：{name} さんのコメント',
    intro: '{host} のコメントがモデレーターの確認を待っています。',
    reason: '保留の理由：{reason}',
    approve: '承認',
    reject: '却下',
    openAdmin: 'モデレーションページを開く',
    expires: 'これらのリンクの有効期間は7日間で、ログインは不要です。',
    pageHeading: 'モデレーション',
    pageApprove: 'このコメントを承認しますか？',
    pageReject: 'このコメントを却下しますか？',
    approved: '承認しました。コメントが公開されました。',
    rejected: '却下しました。コメントは削除されました。',
    alreadyDone: '対応は不要です。このコメントはすでにモデレーターによって処理されています。',
    invalid: 'このリンクは有効期限が切れているか、無効です。',
  },
} satisfies EmailWordsTranslation;
