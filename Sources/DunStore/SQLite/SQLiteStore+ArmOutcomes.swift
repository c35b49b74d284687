import GRDB

extension SQLiteStore {
    /// One row per enrolment with the account's outcomes, ordered by (campaign, variant, account).
    /// Reads one consistent snapshot; safe while a run writes.
    public func armOutcomeRows() throws -> [ArmOutcomeRow] {
        try self.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.account_id, e.campaign, e.variant,
                        (SELECT coalesce(sum(balance_cents), 0) FROM debts d WHERE d.account_id = e.account_id) AS placed,
                        (SELECT coalesce(sum(amount_cents), 0) FROM payments p WHERE p.account_id = e.account_id) AS paid,
                        (SELECT count(*) FROM attempts a WHERE a.account_id = e.account_id
                            AND a.campaign = e.campaign AND a.variant = e.variant) AS attempts,
                        (SELECT count(*) FROM attempts a WHERE a.account_id = e.account_id
                            AND a.campaign = e.campaign AND a.variant = e.variant
                            AND a.result IN ('delivered', 'answered', 'conversation', 'voicemail',
                                'limited_content_message')) AS reached,
                        (SELECT count(*) FROM promises r WHERE r.account_id = e.account_id) AS promises,
                        (SELECT count(*) FROM consumer_events c WHERE c.account_id = e.account_id
                            AND c.kind = 'opt_out') AS opt_outs
                    FROM enrolments e
                    ORDER BY e.campaign, e.variant, e.account_id
                    """
            ).map { row in
                ArmOutcomeRow(
                    accountID: row["account_id"],
                    campaign: row["campaign"],
                    variant: row["variant"],
                    placedCents: row["placed"],
                    paidCents: row["paid"],
                    attempts: row["attempts"],
                    reached: row["reached"],
                    promises: row["promises"],
                    optOuts: row["opt_outs"]
                )
            }
        }
    }
}
