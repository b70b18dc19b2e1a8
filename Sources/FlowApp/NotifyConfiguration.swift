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
        let route = NotificationRoute(groupBy: settings.route.groupBy, groupWait: settings.route.groupWait,
                                      groupInterval: settings.route.groupInterval,
                                      repeatInterval: settings.route.repeatInterval)
        let alertmanager = settings.alertmanager.map {
            NotifierConfiguration.Alertmanager(urls: $0.urls, generatorURL: $0.generatorURL,
                                               resendInterval: $0.resendInterval)
        }
        var slack: NotifierConfiguration.Slack?
        if let section = settings.slack {
            slack = NotifierConfiguration.Slack(
                webhookURL: try source(section.webhookURL).readURL(environment: environment),
                channel: section.channel, severities: section.severities.map(Set.init))
        }
        var pagerDuty: NotifierConfiguration.PagerDuty?
        if let section = settings.pagerDuty {
            pagerDuty = NotifierConfiguration.PagerDuty(
                routingKey: try source(section.routingKey).read(environment: environment), url: section.url,
                severities: section.severities.map(Set.init))
        }
        var email: NotifierConfiguration.Email?
        if let section = settings.email {
            email = NotifierConfiguration.Email(
                smtpHost: section.smtpHost, smtpPort: section.smtpPort, from: section.from, to: section.to,
                username: section.username, password: try section.password.map { try source($0).read(environment: environment) },
                startTLS: startTLS(section.startTLS), severities: section.severities.map(Set.init))
        }
        return NotifierConfiguration(route: route, alertmanager: alertmanager, slack: slack, pagerDuty: pagerDuty,
                                     email: email)
    } catch {
        throw UserFacingError("\(error)")   // a SecretError: `file:line:col: key: ...`
    }
}

private func source(_ reference: NotifyFileSettings.SecretReference) -> SecretSource {
    switch reference.location {
    case .file(let path): SecretSource(.file(path), origin: reference.origin)
    case .environment(let name): SecretSource(.environment(name), origin: reference.origin)
    }
}

private func startTLS(_ value: NotifyFileSettings.Email.StartTLS) -> NotifierConfiguration.StartTLS {
    switch value {
    case .auto: .auto
    case .always: .always
    case .never: .never
    }
}
