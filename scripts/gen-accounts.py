#!/usr/bin/env python3
"""Writes a synthetic accounts CSV for the import benchmark (deterministic: same N, same bytes).

Usage: scripts/gen-accounts.py N > accounts.csv

Each row has two phones (one mobile with SMS consent), one email, one debt, a state and a time zone,
so the import exercises every validator and writes 5 rows per account (account, 2 phones, email, debt).
"""
import sys

STATES = [("CA", "America/Los_Angeles"), ("NY", "America/New_York"), ("TX", "America/Chicago"),
          ("AZ", "America/Phoenix"), ("MA", "America/New_York"), ("WA", "America/Los_Angeles"),
          ("IL", "America/Chicago"), ("FL", "America/New_York"), ("CO", "America/Denver"), ("HI", "Pacific/Honolulu")]
PROVENANCE = ["consumer_used", "consumer_consented", "creditor_notice", "prior_collector_used"]


def main() -> None:
    n = int(sys.argv[1])
    out = sys.stdout
    out.write("account_id,first_name,last_name,country,state,postal_code,time_zones,phone1,phone1_kind,"
              "phone1_sms_consent_at,phone2,phone2_kind,email1,email1_provenance,email1_optout_deadline,"
              "debt_id,balance,days_past_due,creditor\n")
    lines = []
    for i in range(n):
        state, zone = STATES[i % len(STATES)]
        provenance = PROVENANCE[i % len(PROVENANCE)]
        deadline = "2026-01-15T00:00:00Z" if provenance == "creditor_notice" else ""
        cents = 5_000 + (i * 7_919) % 995_000
        lines.append(
            f"ACC{i:08d},Name{i % 997},Surname{i % 1009},US,{state},{10000 + i % 89999},{zone},"
            f"+1415{i % 10_000_000:07d},mobile,2026-01-{1 + i % 28:02d}T12:00:00Z,"
            f"+1212{(i * 7) % 10_000_000:07d},landline,user{i}@example.com,{provenance},{deadline},"
            f"D{i:08d},{cents // 100}.{cents % 100:02d},{30 + i % 150},Creditor {i % 50}\n"
        )
        if len(lines) == 10_000:
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))


if __name__ == "__main__":
    main()
