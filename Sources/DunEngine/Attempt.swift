public import DunCore

/// One contact the engine asks the driver to make.
///
/// Plain memory like the other actions (see `Deferral`): the template and debt bucket are ids into
/// `ActionTexts` and a `PackedText`, behind the public properties (equal texts have equal ids).
public struct Attempt: Sendable, Hashable {
    /// The id the driver hands back with the result.
    public var id: AttemptID
    public var account: AccountIndex
    /// Index into `SchedulerEngine.campaigns`.
    public var campaign: Int
    /// Index into the campaign's `variants` (0 when the campaign has none).
    public var variant: Int
    /// Index into the campaign's `steps`.
    public var step: Int
    /// 1 for the step's first attempt, 2 for its first retry, …
    public var attemptNumber: Int
    public var channel: Channel
    /// Index into the account's `phones` (sms, call, agent_call) or `emails` (email).
    public var destination: Int
    /// The step's template or call script id.
    public var template: String {
        get { ActionTexts.shared.text(self.templateText) }
        set { self.templateText = ActionTexts.shared.id(newValue) }
    }
    /// The Reg F debt bucket the contact is about (the account's first debt).
    public var debtBucket: String {
        get { self.debtBucketText.string }
        set { self.debtBucketText = PackedText(newValue) }
    }
    /// The instant of dispatch.
    public var at: UTCInstant
    var templateText: UInt32
    var debtBucketText: PackedText

    public init(
        id: AttemptID,
        account: AccountIndex,
        campaign: Int,
        variant: Int,
        step: Int,
        attemptNumber: Int,
        channel: Channel,
        destination: Int,
        template: String,
        debtBucket: String,
        at: UTCInstant
    ) {
        self.init(
            id: id,
            account: account,
            campaign: campaign,
            variant: variant,
            step: step,
            attemptNumber: attemptNumber,
            channel: channel,
            destination: destination,
            templateText: ActionTexts.shared.id(template),
            debtBucketText: PackedText(debtBucket),
            at: at
        )
    }

    init(
        id: AttemptID,
        account: AccountIndex,
        campaign: Int,
        variant: Int,
        step: Int,
        attemptNumber: Int,
        channel: Channel,
        destination: Int,
        templateText: UInt32,
        debtBucketText: PackedText,
        at: UTCInstant
    ) {
        self.id = id
        self.account = account
        self.campaign = campaign
        self.variant = variant
        self.step = step
        self.attemptNumber = attemptNumber
        self.channel = channel
        self.destination = destination
        self.templateText = templateText
        self.debtBucketText = debtBucketText
        self.at = at
    }
}
