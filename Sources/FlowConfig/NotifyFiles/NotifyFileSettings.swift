import FlowCore

/// What a notify file says, checked and with every default filled in; secrets are still
/// only references (a file or a variable, and where the file named it:
/// `notify.yaml:7:23: slack.webhook_url_file`), read when the notifiers start. The
/// sections are FlowCore's `NotifierSettings`, the notifiers' own, so each field and
/// default is written once (`pagerduty:`'s `severities` is `[page]` here and in FlowNotify
/// alike); the app reads the secrets with `mapCredential` into FlowNotify's
/// `NotifierConfiguration`. Keys and defaults: docs/notifiers.md.
///
/// ```swift
/// let settings = try NotifyFile.load(path: "notify.yaml")
/// settings.route.repeatInterval        // 14_400_000 unless the file says otherwise
/// settings.slack?.webhookURL.location  // .file("/etc/flowtop/slack-webhook-url")
/// ```
public typealias NotifyFileSettings = NotifierSettings<SecretSource>
