/// Small valid YAML-lite documents that cover every accepted construct: the seeds the fuzz tests mutate.
/// Kept short so 100,000 mutations read in seconds in a debug build.
enum YAMLFuzzSeeds {
    static let documents: [String] = [
        """
        # Early-stage digital cadence
        name: early-digital
        description: SMS first, then email
        owner: collections-ops
        audience:
          days_past_due: [1, 30]
          states: [CA, 'NY', "TX"]
        steps:
          - id: first-sms
            channel: sms
            day: 0
            template: intro   # debt-collector disclosure
          - id: follow-up
            channel: email
            wait: 2d
        """,
        """
        templates:
          intro:
            en: |
              Hi {first_name}, this is Acme Recovery.
              Reply STOP to opt out.
            es: >-
              Hola {first_name},
              responda STOP.
          email:
            subject: 'Your balance of {balance}'
            body: "Dear {first_name},\\n\\tpay at {pay_link}\\u0021"
        limits:
          sms_per_day: 1
          calls_per_7_days: '7'
        """,
        """
        ---
        window:
          weekdays: 9:00-17:00
          saturday: no
          sunday:
        branches:
        - on: promised_to_pay
          goto: reminder
        - on: [replied, paid_in_part]
          goto: agent-call
        - when:
            balance: ">= 500.00"
          steps:
            - - nested
              - list
        stop:
          - paid_in_full
          - 'dispute'
        """,
        """
        variants:
          - name: champion
            weight: 70
            note: a plain value that
              continues on the next line

              and keeps a blank line
          - name: challenger
            weight: 30
            script: |+
              Line one
                indented

        holidays: [2026-01-01, 2026-12-25,]
        tail: "end"
        """,
    ]
}
