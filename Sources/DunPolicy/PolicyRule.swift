/// The rules the policy enforces, with their COMPLIANCE.md ids and citations.
enum PolicyRule: UInt8, Sendable {
    case deceased, bankruptcy, cease, attorney, dispute
    case noDestination, wrongDestination
    case mediumOptOut, destinationOptOut, tcpaRevoked
    case smsEligibility, emailEligibility, employerEmail
    case work, tcpaConsent
    case noZone, time, inconvenient, ukTime, cnTime
    case regF14B, regF14A
    case houseCallDay, houseCallGap, houseSMSDay, houseSMS7, houseEmailDay, houseEmail7, houseAllDay, houseAll7
    case campaignCallDay, campaignCall7, campaignSMSDay, campaignSMS7, campaignEmailDay, campaignEmail7
    case campaignAllDay, campaignAll7, campaignGap
    case massachusetts7, massachusetts30, washington7, washingtonWork, newYorkCity, chinaConnected, chinaUnanswered

    var id: String {
        switch self {
        case .deceased: "HOUSE-DECEASED"
        case .bankruptcy: "HOUSE-BANKRUPTCY"
        case .cease: "RF-6-CEASE"
        case .attorney: "RF-6-ATTY"
        case .dispute: "RF-38"
        case .noDestination, .wrongDestination: "RF-6-3P"
        case .mediumOptOut: "RF-14-MEDIA"
        case .destinationOptOut: "RF-6-OPTOUT"
        case .tcpaRevoked: "TCPA-REVOKE"
        case .smsEligibility: "RF-6-SMS"
        case .emailEligibility: "RF-6-EMAIL"
        case .employerEmail: "RF-22-EMAIL"
        case .work: "RF-6-WORK"
        case .tcpaConsent: "TCPA-CONSENT"
        case .noZone, .time, .inconvenient: "RF-6-TIME"
        case .ukTime: "UK-CONC-7.9"
        case .cnTime: "CN-NIFA-2018"
        case .regF14B: "RF-14-B"
        case .regF14A: "RF-14-A"
        case .houseCallDay: "HOUSE-CALL-DAY"
        case .houseCallGap: "HOUSE-CALL-GAP"
        case .houseSMSDay: "HOUSE-SMS-DAY"
        case .houseSMS7: "HOUSE-SMS-7D"
        case .houseEmailDay: "HOUSE-EMAIL-DAY"
        case .houseEmail7: "HOUSE-EMAIL-7D"
        case .houseAllDay: "HOUSE-ALL-DAY"
        case .houseAll7: "HOUSE-ALL-7D"
        case .campaignCallDay: "CAMPAIGN-CALLS-PER-DAY"
        case .campaignCall7: "CAMPAIGN-CALLS-PER-7-DAYS"
        case .campaignSMSDay: "CAMPAIGN-SMS-PER-DAY"
        case .campaignSMS7: "CAMPAIGN-SMS-PER-7-DAYS"
        case .campaignEmailDay: "CAMPAIGN-EMAILS-PER-DAY"
        case .campaignEmail7: "CAMPAIGN-EMAILS-PER-7-DAYS"
        case .campaignAllDay: "CAMPAIGN-CONTACTS-PER-DAY"
        case .campaignAll7: "CAMPAIGN-CONTACTS-PER-7-DAYS"
        case .campaignGap: "CAMPAIGN-MIN-GAP"
        case .massachusetts7, .massachusetts30: "MA-940-7.04f"
        case .washington7, .washingtonWork: "WA-19.16"
        case .newYorkCity: "NYC-5-77"
        case .chinaConnected: "CN-NIFA-2024"
        case .chinaUnanswered: "CN-CBA-2026"
        }
    }

    var citation: String {
        switch self {
        case .deceased: "house policy (estate contacts are a human workflow; 12 CFR 1006.6(a)(4))"
        case .bankruptcy: "house policy (automatic stay, 11 U.S.C. 362(a)(6))"
        case .cease: "12 CFR 1006.6(c)(1)"
        case .attorney: "12 CFR 1006.6(b)(2)"
        case .dispute: "12 CFR 1006.38(c), (d)(2)"
        case .noDestination, .wrongDestination: "12 CFR 1006.6(d)(1); comment 14(b)(2)(i)-3"
        case .mediumOptOut: "12 CFR 1006.14(h)(1)"
        case .destinationOptOut: "12 CFR 1006.6(e); comment 14(h)(1)-3"
        case .tcpaRevoked: "47 CFR 64.1200(a)(10)"
        case .smsEligibility: "12 CFR 1006.6(d)(5)"
        case .emailEligibility: "12 CFR 1006.6(d)(4)"
        case .employerEmail: "12 CFR 1006.22(f)(3)"
        case .work: "12 CFR 1006.6(b)(3)"
        case .tcpaConsent: "47 U.S.C. 227(b)(1)(A)(iii); 47 CFR 64.1200(a)(1)(iii)"
        case .noZone, .time: "12 CFR 1006.6(b)(1)(i); comment 6(b)(1)(i)-2"
        case .inconvenient: "12 CFR 1006.6(b)(1)(i); comment 6(b)(1)-1, -2"
        case .ukTime: "FCA CONC 7.9"
        case .cnTime: "NIFA 2018 convention (OQ-15: stricter 08:00-21:00)"
        case .regF14B: "12 CFR 1006.14(b)(2)(i)(B)"
        case .regF14A: "12 CFR 1006.14(b)(2)(i)(A)"
        case .houseCallDay, .houseCallGap, .houseSMSDay, .houseSMS7, .houseEmailDay, .houseEmail7, .houseAllDay,
            .houseAll7:
            "house policy (COMPLIANCE.md OQ-4; 12 CFR 1006.14(a))"
        case .campaignCallDay, .campaignCall7, .campaignSMSDay, .campaignSMS7, .campaignEmailDay, .campaignEmail7,
            .campaignAllDay, .campaignAll7, .campaignGap:
            "campaign limit"
        case .massachusetts7, .massachusetts30: "940 CMR 7.04(1)(f)"
        case .washington7, .washingtonWork: "RCW 19.16.250 (WA DFI summary; OQ-13)"
        case .newYorkCity: "6 RCNY 5-77 (OQ-12)"
        case .chinaConnected: "NIFA 2024 post-loan collection guideline"
        case .chinaUnanswered: "CBA 2026 personal consumer loan collection guideline"
        }
    }
}
