import DunCampaign
import DunCore
import DunPolicy

extension ScenarioDecoder {
    static var portfolioFields: [(String, Setter<Portfolio>)] {
        [
            ("accounts", whole(\.accounts, 1...50_000_000)),
            ("horizon_days", whole(\.horizonDays, 1...3_650)),
            (
                "start",
                { decoder, node, root in
                    guard let text = decoder.string(node) else { return }
                    guard let date = CivilDate(iso: text) else {
                        decoder.error(node.location, "expected a date YYYY-MM-DD, found '\(text)'")
                        return
                    }
                    root.start = date
                }
            ),
            ("placement_dpd", whole(\.placementDPD, 0...3_650)),
            ("balance_median", amount(\.balanceMedian)),
            ("balance_sigma", positive(\.balanceSigma)),
            ("skip_share", share(\.skipShare)),
            ("phone_valid", share(\.phoneValid)),
            ("sms_capable", share(\.smsCapable)),
            ("email_valid", share(\.emailValid)),
            ("no_capacity_share", share(\.noCapacityShare)),
            ("no_capacity_max", amount(\.noCapacityMax)),
            ("capacity_median", amount(\.capacityMedian)),
            ("capacity_sigma", positive(\.capacitySigma)),
            ("capacity_monthly_replenish", share(\.capacityMonthlyReplenish)),
            ("dispute_prone_share", share(\.disputeProneShare)),
            ("hour_type_shares", list(\.hourTypeShares, count: 3)),
            ("decay_tau_days", positive(\.decayTauDays)),
            ("massachusetts_share", share(\.massachusettsShare)),
            (
                "zones",
                { decoder, node, root in
                    guard case .sequence(let sequence) = node else {
                        decoder.error(node.location, "expected a list of zones, found \(node.kindName)")
                        return
                    }
                    var zones: [ZoneShare] = []
                    for item in sequence.items {
                        var zone = ZoneShare(name: "", utcOffsetHours: 0, share: 0)
                        decoder.fields(item, section: "zones", into: &zone, Self.zoneFields)
                        zones.append(zone)
                    }
                    root.zones = zones
                }
            ),
        ]
    }

    static var zoneFields: [(String, Setter<ZoneShare>)] {
        [
            ("zone", { decoder, node, root in if let name = decoder.string(node) { root.name = name } }),
            ("utc_offset_hours", whole(\.utcOffsetHours, -12...14)),
            ("share", share(\.share)),
        ]
    }

    static var behaviourFields: [(String, Setter<Behaviour>)] {
        [
            ("answer_base", share(\.answerBase)),
            ("right_party_given_answer", share(\.rightPartyGivenAnswer)),
            ("day_type_hours", list(\.dayTypeHours, count: 3)),
            ("evening_type_hours", list(\.eveningTypeHours, count: 3)),
            ("flexible_type_hours", list(\.flexibleTypeHours, count: 3)),
            ("dow_multipliers", list(\.dowMultipliers, count: 7)),
            ("fatigue_decay_per_day", share(\.fatigueDecayPerDay)),
            ("fatigue_k", positive(\.fatigueK)),
            ("fatigue_call", positive(\.fatigueCall)),
            ("fatigue_sms", positive(\.fatigueSMS)),
            ("fatigue_email", positive(\.fatigueEmail)),
            ("resolve_now_rpc", share(\.resolveNowRPC)),
            ("plan_rpc", share(\.planRPC)),
            ("promise_rpc", share(\.promiseRPC)),
            ("promise_keep_base", share(\.promiseKeepBase)),
            ("promise_keep_if_affordable", share(\.promiseKeepIfAffordable)),
            ("promise_delay_max_days", whole(\.promiseDelayMaxDays, 1...365)),
            ("promise_minimum", amount(\.promiseMinimum)),
            ("has_capacity_threshold", amount(\.hasCapacityThreshold)),
            ("plan_months_min", whole(\.planMonthsMin, 1...120)),
            ("plan_months_max", whole(\.planMonthsMax, 1...120)),
            ("plan_first_due_days", whole(\.planFirstDueDays, 0...365)),
            ("plan_installment_keep", share(\.planInstallmentKeep)),
            ("settlement_fraction_agent", share(\.settlementFractionAgent)),
            ("settlement_fraction_portal", share(\.settlementFractionPortal)),
            ("dispute_rpc", share(\.disputeRPC)),
            ("dispute_if_prone", share(\.disputeIfProne)),
            ("dispute_pause_days", whole(\.disputePauseDays, 0...365)),
            ("cease_rpc", share(\.ceaseRPC)),
            ("annoyance", share(\.annoyance)),
            ("ai_commit_multiplier", positive(\.aiCommitMultiplier)),
            ("ai_keep_multiplier", positive(\.aiKeepMultiplier)),
            ("sms_read", share(\.smsRead)),
            ("sms_click", share(\.smsClick)),
            ("sms_opt_out_base", share(\.smsOptOutBase)),
            ("sms_opt_out_per_fatigue", share(\.smsOptOutPerFatigue)),
            ("email_open", share(\.emailOpen)),
            ("email_click_given_open", share(\.emailClickGivenOpen)),
            ("portal_resolve", share(\.portalResolve)),
            ("portal_plan", share(\.portalPlan)),
            ("self_cure_daily", share(\.selfCureDaily)),
            ("complaint_per_contact", share(\.complaintPerContact)),
        ]
    }

    static var costFields: [(String, Setter<UnitCosts>)] {
        [
            ("sms", millicents(\.smsMillicents)),
            ("email", millicents(\.emailMillicents)),
            ("voice_per_minute", millicents(\.voicePerMinuteMillicents)),
            ("agent_hour", amount(\.agentHour)),
        ]
    }

    static var agencyFields: [(String, Setter<AgencyBaseline>)] {
        [
            ("agents_per_1000", positive(\.agentsPer1000)),
            (
                "utc_offset_hours",
                { decoder, node, root in
                    // A fixed offset replaces the zone (the later of `zone` and `utc_offset_hours` wins).
                    guard let offset = decoder.int(node, -12...14) else { return }
                    root.utcOffsetHours = offset
                    root.zone = nil
                }
            ),
            (
                "zone",
                { decoder, node, root in
                    guard let name = decoder.string(node) else { return }
                    guard TimeZoneTable.zone(named: name) != nil else {
                        decoder.error(
                            node.location,
                            "expected an IANA time zone such as America/New_York, found '\(name)'"
                        )
                        return
                    }
                    root.zone = name
                }
            ),
            (
                "shifts",
                { decoder, node, root in
                    guard case .mapping(let mapping) = node else {
                        decoder.error(node.location, "expected a mapping of weekday: HH:MM-HH:MM or none")
                        return
                    }
                    var shifts: [LocalTimeRange?] = Array(repeating: nil, count: 7)
                    for entry in mapping.entries {
                        guard let day = Weekday(name: entry.key.value), let index = Weekday.allCases.firstIndex(of: day)
                        else {
                            decoder.error(entry.key.location, "expected a weekday name, found '\(entry.key.value)'")
                            continue
                        }
                        guard let text = decoder.string(entry.value) else { continue }
                        if text == "none" { continue }
                        let parts = text.split(separator: "-")
                        guard parts.count == 2, let from = LocalTime(text: parts[0]),
                            let to = LocalTime(text: parts[1]),
                            from < to
                        else {
                            decoder.error(
                                entry.value.location,
                                "expected a shift such as 09:00-17:00 or none, found '\(text)'"
                            )
                            continue
                        }
                        shifts[index] = LocalTimeRange(start: from, end: to)
                    }
                    root.shifts = shifts
                }
            ),
            ("occupancy", share(\.occupancy)),
            ("aht_rpc_minutes", positive(\.ahtRPCMinutes)),
            ("aht_wrong_party_minutes", positive(\.ahtWrongPartyMinutes)),
            ("aht_no_answer_minutes", positive(\.ahtNoAnswerMinutes)),
            ("skip_trace_day", whole(\.skipTraceDay, 0...3_650)),
            ("skip_trace_repair", share(\.skipTraceRepair)),
            ("commission", share(\.commission)),
        ]
    }
}
