// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - audit records: the only file that builds them
 *
 * MODGUARD_DECISION (1490), fields in this order:
 *   op name path size digest sig reason signer rule mode action
 *   pid uid auid ses comm exe
 * MODGUARD_CONFIG (1491):
 *   op old new [digest rules] pid uid auid ses comm exe res
 *
 * Absent values are "?". Whatever a user controls (module name, path,
 * comm, exe) goes through the untrusted-string helpers. docs/audit.md has
 * an example and a field table per record; the VM tests match them with
 * the regular expressions in docs/audit-regex.txt.
 */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <crypto/sha2.h>
#include <keys/asymmetric-type.h>

#include "modguard.h"
#include "audit.h"
#include "state.h"

/*
 * The refusals recorded last, one slot per digest's first byte: an
 * identical refusal (same payload digest, syscall, reason, rule, mode and
 * login uid, so that one user's storm never hides another's attempt)
 * within the audit window is counted in stats, not written again. A
 * module whose slot another took is recorded again: the first refusal of
 * each module is never folded away.
 */
#define RECENT_SLOTS 64

static struct recent_refusal {
	u8 digest[SHA256_DIGEST_SIZE];
	enum modguard_op op;
	enum modguard_reason reason;
	enum modguard_mode mode;
	u32 rule_line;
	kuid_t auid;
	unsigned long at;
	bool used;
} recent[RECENT_SLOTS];
static DEFINE_SPINLOCK(recent_lock);

static bool recorded_recently(const struct modguard_load *load,
			      const struct modguard_verdict *v,
			      const struct modguard_decision *d,
			      u32 rule_line, enum modguard_mode mode)
{
	unsigned long window = modguard_audit_window() * HZ;
	kuid_t auid = audit_get_loginuid(current);
	unsigned long now = jiffies;
	bool seen;
	struct recent_refusal *s;

	if (!window || !v->have_digest || d->reason == MODGUARD_REASON_OK)
		return false;
	s = &recent[v->digest[0] % RECENT_SLOTS];
	spin_lock(&recent_lock);
	seen = s->used && s->op == load->op && s->reason == d->reason &&
	       s->mode == mode && s->rule_line == rule_line &&
	       uid_eq(s->auid, auid) &&
	       !memcmp(s->digest, v->digest, sizeof(s->digest)) &&
	       time_before(now, s->at + window);
	if (!seen) {
		memcpy(s->digest, v->digest, sizeof(s->digest));
		s->op = load->op;
		s->reason = d->reason;
		s->mode = mode;
		s->rule_line = rule_line;
		s->auid = auid;
		s->at = now;
		s->used = true;
	}
	spin_unlock(&recent_lock);
	return seen;
}

static const char *const op_names[] = {
	[MODGUARD_OP_FINIT_MODULE] = "finit_module",
	[MODGUARD_OP_INIT_MODULE] = "init_module",
	[MODGUARD_OP_KEXEC_LOAD] = "kexec_load",
	[MODGUARD_OP_KEXEC_FILE_LOAD] = "kexec_file_load",
};

static_assert(ARRAY_SIZE(op_names) == __MODGUARD_OP_MAX);

static void log_task(struct audit_buffer *ab)
{
	struct file *exe;

	audit_log_format(ab, " pid=%d uid=%u auid=%u ses=%u",
			 task_tgid_nr(current),
			 from_kuid(&init_user_ns, current_uid()),
			 from_kuid(&init_user_ns,
				   audit_get_loginuid(current)),
			 audit_get_sessionid(current));
	audit_log_format(ab, " comm=");
	audit_log_untrustedstring(ab, current->comm);
	exe = get_task_exe_file(current);
	if (exe) {
		audit_log_d_path(ab, " exe=", &exe->f_path);
		fput(exe);
	} else {
		audit_log_format(ab, " exe=?");
	}
}

static void log_hex_or_absent(struct audit_buffer *ab, const char *field,
			      const u8 *buf, size_t len)
{
	audit_log_format(ab, " %s=", field);
	if (buf && len)
		audit_log_n_hex(ab, buf, len);
	else
		audit_log_format(ab, "?");
}

/*
 * A key id in lowercase hex, no separators: how policy rules, modguardctl
 * and the key's description (keyctl) all write it. %*ph prints at most 64
 * bytes at a time.
 */
static void log_key_id(struct audit_buffer *ab, const char *field,
		       const u8 *id, size_t len)
{
	size_t i;

	audit_log_format(ab, " %s=", field);
	if (!id || !len)
		audit_log_format(ab, "?");
	for (i = 0; id && i < len; i += 64)
		audit_log_format(ab, "%*phN", (int)min_t(size_t, len - i, 64),
				 id + i);
}

/*
 * rule=deny-name:4: the rule's kind, a hyphen for the space in its name, and
 * its line. No space and no quotes, so that auparse and ausearch -i read the
 * field whole.
 */
static void log_rule(struct audit_buffer *ab, enum modguard_rule_kind kind,
		     u32 line)
{
	const char *name = modguard_rule_kind_name(kind);
	const char *space = strchr(name, ' ');

	if (space)
		audit_log_format(ab, " rule=%.*s-%s:%u", (int)(space - name),
				 name, space + 1, line);
	else
		audit_log_format(ab, " rule=%s:%u", name, line);
}

/**
 * modguard_audit_decision() - Record one module load decision.
 * @load: What the hook knew.
 * @v: The signature verdict and the digests.
 * @name: The module name, or NULL.
 * @d: The decision before the mode.
 * @rule_line: The line of @d->rule.
 * @mode: The mode that applied.
 * @allowed: Whether the load goes on.
 *
 * Called for every denial and would-be denial, and for allows only when
 * audit_allow is on. A refusal identical to one recorded less than
 * modguard.audit_window seconds ago is counted in stats ("suppressed")
 * instead.
 *
 * Context: Process context.
 */
void modguard_audit_decision(const struct modguard_load *load,
			     const struct modguard_verdict *v,
			     const char *name,
			     const struct modguard_decision *d, u32 rule_line,
			     enum modguard_mode mode, bool allowed)
{
	struct audit_buffer *ab;

	if (recorded_recently(load, v, d, rule_line, mode)) {
		atomic_long_inc(&modguard_stats.suppressed);
		return;
	}
	ab = audit_log_start(audit_context(), GFP_KERNEL,
			     MODGUARD_AUDIT_DECISION);
	if (!ab)
		return;

	audit_log_format(ab, "op=%s name=", op_names[load->op]);
	if (name)
		audit_log_untrustedstring(ab, name);
	else
		audit_log_format(ab, "?");
	if (load->file)
		audit_log_d_path(ab, " path=", &load->file->f_path);
	else
		audit_log_format(ab, " path=?");
	audit_log_format(ab, " size=%zu", load->size);
	log_hex_or_absent(ab, "digest", v->have_digest ? v->digest : NULL,
			  sizeof(v->digest));
	audit_log_format(ab, " sig=%s reason=%s",
			 load->image && !v->pending ?
			 modguard_reason_name(v->reason) : "?",
			 modguard_reason_name(d->reason));
	log_key_id(ab, "signer", v->have_signer ? v->signer.id : NULL,
		   v->signer.len);
	if (d->rule)
		log_rule(ab, d->kind, rule_line);
	else
		audit_log_format(ab, " rule=?");
	audit_log_format(ab, " mode=%s action=%s", modguard_mode_name(mode),
			 allowed ? "allow" : "deny");
	log_task(ab);
	audit_log_end(ab);
}

/**
 * modguard_audit_config() - Record a configuration change (or attempt).
 * @op: "mode", "lock", "audit_allow" or "key_add".
 * @old_value: The value before, or NULL.
 * @new_value: The value asked for, or NULL.
 * @res: 1 done, 0 refused.
 *
 * Context: Process context.
 */
void modguard_audit_config(const char *op, const char *old_value,
			   const char *new_value, int res)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_KERNEL,
			     MODGUARD_AUDIT_CONFIG);
	if (!ab)
		return;
	audit_log_format(ab, "op=%s old=%s new=%s", op,
			 old_value ? old_value : "?",
			 new_value ? new_value : "?");
	log_task(ab);
	audit_log_format(ab, " res=%d", res);
	audit_log_end(ab);
}

/**
 * modguard_audit_key_add() - Record a key added to .modguard (or refused).
 * @id: The key's subject key id (else its issuer + serial id), or NULL
 *      when it is not an asymmetric key.
 * @res: 1 added, 0 refused.
 *
 * The record is a configuration change, op=key_add, with the key's id in
 * lowercase hex as new= (keyctl shows the same digits in the key's
 * description).
 *
 * Context: Process context.
 */
void modguard_audit_key_add(const struct asymmetric_key_id *id, int res)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_KERNEL,
			     MODGUARD_AUDIT_CONFIG);
	if (!ab)
		return;
	audit_log_format(ab, "op=key_add old=?");
	log_key_id(ab, "new", id ? id->data : NULL, id ? id->len : 0);
	log_task(ab);
	audit_log_format(ab, " res=%d", res);
	audit_log_end(ab);
}

/**
 * modguard_audit_policy_load() - Record a policy load (or attempt).
 * @text: The text written (the new policy's digest is its sha256), or
 *        NULL when it was refused unread (locked): digest=?.
 * @len: Its length.
 * @rules: Rules in the new policy (0 when refused).
 * @res: 1 in force, 0 refused.
 *
 * Context: Process context.
 */
void modguard_audit_policy_load(const char *text, size_t len, u32 rules,
				int res)
{
	u8 digest[SHA256_DIGEST_SIZE];
	struct audit_buffer *ab;

	if (text)
		sha256(text, len, digest);
	ab = audit_log_start(audit_context(), GFP_KERNEL,
			     MODGUARD_AUDIT_CONFIG);
	if (!ab)
		return;
	audit_log_format(ab, "op=policy old=? new=?");
	log_hex_or_absent(ab, "digest", text ? digest : NULL, sizeof(digest));
	audit_log_format(ab, " rules=%u", rules);
	log_task(ab);
	audit_log_format(ab, " res=%d", res);
	audit_log_end(ab);
}
