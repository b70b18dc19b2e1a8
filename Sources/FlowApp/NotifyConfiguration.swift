import FlowConfig
import FlowCore
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
/// Both are FlowCore's `NotifierSettings`, so only what holds each secret changes:
/// `SlackSettings<SecretSource>` becomes `SlackSettings<Secret>`.
public func notifierConfiguration(_ settings: NotifyFileSettings, environment: [String: String]? = nil)
    throws(UserFacingError) -> NotifierConfiguration {
    do throws(SecretError) {
        return NotifierConfiguration(
            route: settings.route, alertmanager: settings.alertmanager,
            slack: try settings.slack?.mapCredential { (source) throws(SecretError) in
                try source.readURL(environment: environment)
            },
            pagerDuty: try settings.pagerDuty?.mapCredential { (source) throws(SecretError) in
                try source.read(environment: environment)
            },
            email: try settings.email?.mapCredential { (source) throws(SecretError) in
                try source.read(environment: environment)
            })
    } catch {
        throw UserFacingError(error.description)   // `file:line:col: key: ...`
    }
}
