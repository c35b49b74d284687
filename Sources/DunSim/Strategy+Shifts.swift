import DunCore

/// Agent-call steps whose send window never meets the agents' shifts: their calls can only wait (deferred by
/// the campaign window or the capacity pool, day after day) until a stop rule ends the enrolment. The report
/// says so plainly, because the counts alone read like a slow strategy rather than an impossible step.
extension Strategy {
    /// The ids of agent-call steps whose window (the step's own, else the campaign's), in every portfolio zone
    /// and on every day type, never overlaps the agency's shift (compared at standard offsets; US zones shift
    /// together under DST).
    func agentStepsOutsideShifts(_ scenario: Scenario) -> [String] {
        let agency = scenario.agency
        let weekdayShift = agency.shifts.first ?? nil
        let saturdayShift = agency.shifts.count > 5 ? agency.shifts[5] : nil
        let sundayShift = agency.shifts.count > 6 ? agency.shifts[6] : nil
        let offsets = Set(scenario.portfolio.zones.filter { $0.share > 0 }.map(\.utcOffsetHours)).sorted()
        var steps: [String] = []
        for step in self.campaign.steps where step.channel == .agentCall {
            let window = step.window ?? self.campaign.window
            let pairs = [
                (window.weekdays, weekdayShift), (window.saturday, saturdayShift), (window.sunday, sundayShift),
            ]
            let meets = offsets.contains { offset in
                pairs.contains { range, shift in
                    guard let range, let shift else { return false }
                    // The shift in the debtor's local minutes of the day.
                    let shiftMinutes = (offset - agency.utcOffsetHours) * 60
                    let start = shift.start.minuteOfDay + shiftMinutes
                    let end = shift.end.minuteOfDay + shiftMinutes
                    return max(start, range.start.minuteOfDay) < min(end, range.end.minuteOfDay)
                }
            }
            if !meets { steps.append(step.id) }
        }
        return steps
    }
}
