import FlowConfig
import FlowNotify

/// The notifiers of `--notify FILE`: the file checked (`NotifyFile.load`) and its secrets
/// read, as FlowNotify's `NotifierConfiguration`.
///
/// Why here: FlowConfig only checks the file and FlowNotify only sends; reading the
/// secrets is the app's job, done once at start-up, before the terminal is touched, so a
/// mistake prints plainly as `file:line:col: key: ...` and stops flowtop.
///
/// ```swift
/// let notifiers = try loadNotifierConfiguration(file: "notify.yaml")
/// notifiers?.notifierNames   // ["alertmanager", "slack"]
/// ```
public func loadNotifierConfiguration(file: String?, environment: [String: String]? = nil)
    throws(UserFacingError) -> NotifierConfiguration? {
    guard let file else { return nil }
    let settings: NotifyFileSettings
    do {
        settings = try NotifyFile.load(path: file)
    } catch {
        throw UserFacingError(error.description)
    }
    return try notifierConfiguration(settings, environment: environment)
}

/// `settings` with every secret read; `environment` is the process's unless a test gives one.
public func notifierConfiguration(_ settings: NotifyFileSettings, environment: [String: String]? = nil)
    throws(UserFacingError) -> NotifierConfiguration {
    do {
        var slack: NotifierConfiguration.Slack?
        if let section = settings.slack {
            slack = NotifierConfiguration.Slack(
                webhookURL: try section.webhookURL.readURL(environment: environment),
                channel: section.channel, severities: section.severities.map(Set.init))
        }
        var pagerDuty: NotifierConfiguration.PagerDuty?
        if let section = settings.pagerDuty {
            pagerDuty = NotifierConfiguration.PagerDuty(
                routingKey: try section.routingKey.read(environment: environment), url: section.url,
                severities: section.severities.map(Set.init))
        }
        var email: NotifierConfiguration.Email?
        if let section = settings.email {
            email = NotifierConfiguration.Email(
                smtpHost: section.smtpHost, smtpPort: section.smtpPort, from: section.from, to: section.to,
                username: section.username, password: try section.password.map { try $0.read(environment: environment) },
                startTLS: startTLS(section.startTLS), severities: section.severities.map(Set.init))
        }
        return NotifierConfiguration(route: settings.route, alertmanager: settings.alertmanager, slack: slack, pagerDuty: pagerDuty,
                                     email: email)
    } catch {
        throw UserFacingError("\(error)")   // a SecretError: `file:line:col: key: ...`
    }
}

private func startTLS(_ value: NotifyFileSettings.Email.StartTLS) -> NotifierConfiguration.StartTLS {
    switch value {
    case .auto: .auto
    case .always: .always
    case .never: .never
    }
}
