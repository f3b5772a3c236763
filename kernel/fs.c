// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - the securityfs interface, /sys/kernel/security/modguard/
 *
 *	mode	0600	"enforcing" or "permissive"; write either to switch
 *	lock	0600	0 or 1; write 1 to enforce and lock until reboot
 *	policy	0600	the policy in force (canonical); write a whole policy
 *	audit_allow 0600 0 or 1; 1 audits allowed loads too
 *	stats	0444	counters since boot
 *	version	0444	interface version
 *
 * Every write needs CAP_MAC_ADMIN in the initial user namespace, checked
 * against the credentials of whoever opened the file, and must be one
 * write from offset 0.
 */

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "modguard.h"
#include "audit.h"
#include "common/abi.h"
#include "compat.h"
#include "state.h"

static struct dentry *dir __ro_after_init;

static int may_write(struct file *f, loff_t *ppos)
{
	if (!file_ns_capable(f, &init_user_ns, CAP_MAC_ADMIN))
		return -EPERM;
	if (*ppos != 0)
		return -EINVAL;
	return 0;
}

/*
 * A one-word write into @buf, NUL-terminated, without the one newline
 * that may follow the word: -EINVAL when empty or @size bytes or more.
 */
static int read_word(const char __user *ubuf, size_t n, char *buf,
		     size_t size)
{
	if (n == 0 || n >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, n))
		return -EFAULT;
	buf[n] = '\0';
	if (buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

/*
 * A boolean, as the whole write: 1, y, Y or on; 0, n, N or off; one
 * newline after it allowed. (kstrtobool_from_user() reads the first
 * characters only, so that 4 KiB of junk starting with 'y' would lock.)
 */
static int parse_bool(const char __user *ubuf, size_t n, bool *on)
{
	static const char *const words[] = { "0", "n", "N", "off",
					     "1", "y", "Y", "on" };
	char buf[5];
	int i;

	i = read_word(ubuf, n, buf, sizeof(buf));
	if (i)
		return i;
	i = match_string(words, ARRAY_SIZE(words), buf);
	if (i < 0)
		return -EINVAL;
	*on = i >= ARRAY_SIZE(words) / 2;
	return 0;
}

/*
 * A write that was taken moves the offset, so a second write on the same
 * open file (a text split in two by the writer) is refused, not read as a
 * new value.
 */
static ssize_t done(loff_t *ppos, size_t n)
{
	*ppos += n;
	return n;
}

/**
 * mode_write() - Write handler for "mode".
 * @f: The file.
 * @ubuf: "enforcing" or "permissive", a trailing newline allowed.
 * @n: Its length.
 * @ppos: Must be 0.
 *
 * Return:
 * * Length of @ubuf	- Switched
 * * %-EPERM		- No CAP_MAC_ADMIN, or locked
 * * %-EINVAL		- Not a mode, or not one write from offset 0
 */
static ssize_t mode_write(struct file *f, const char __user *ubuf, size_t n,
			  loff_t *ppos)
{
	enum modguard_mode old;
	char buf[16];
	int ret, m;

	ret = may_write(f, ppos);
	if (ret)
		return ret;
	ret = read_word(ubuf, n, buf, sizeof(buf));
	if (ret)
		return ret;
	m = modguard_parse_mode(buf);
	if (m < 0)
		return -EINVAL;
	old = modguard_get_mode();
	ret = modguard_set_mode(m);
	modguard_audit_config("mode", modguard_mode_name(old),
			      modguard_mode_name(m), !ret);
	return ret ? ret : done(ppos, n);
}

static ssize_t mode_read(struct file *f, char __user *ubuf, size_t n,
			 loff_t *ppos)
{
	char buf[16];
	int len;

	len = scnprintf(buf, sizeof(buf), "%s\n",
			modguard_mode_name(modguard_get_mode()));
	return simple_read_from_buffer(ubuf, n, ppos, buf, len);
}

/**
 * lock_write() - Write handler for "lock".
 * @f: The file.
 * @ubuf: A boolean; only true is accepted.
 * @n: Its length.
 * @ppos: Must be 0.
 *
 * Return:
 * * Length of @ubuf	- Enforcing and locked until reboot
 * * %-EPERM		- No CAP_MAC_ADMIN, or an attempt to unlock
 * * %-EINVAL		- Not a boolean, or not one write from offset 0
 */
static ssize_t lock_write(struct file *f, const char __user *ubuf, size_t n,
			  loff_t *ppos)
{
	bool on, was;
	int ret;

	ret = may_write(f, ppos);
	if (ret)
		return ret;
	ret = parse_bool(ubuf, n, &on);
	if (ret)
		return ret;
	was = modguard_is_locked();
	if (on)
		modguard_lock();
	modguard_audit_config("lock", was ? "1" : "0", on ? "1" : "0", on);
	return on ? done(ppos, n) : -EPERM;
}

static ssize_t lock_read(struct file *f, char __user *ubuf, size_t n,
			 loff_t *ppos)
{
	char buf[3];
	int len;

	len = scnprintf(buf, sizeof(buf), "%d\n", modguard_is_locked());
	return simple_read_from_buffer(ubuf, n, ppos, buf, len);
}

/**
 * policy_write() - Write handler for "policy": replace the policy.
 * @f: The file.
 * @ubuf: The whole policy text, in one write.
 * @n: Its length.
 * @ppos: Must be 0.
 *
 * Return:
 * * Length of @ubuf	- The new policy is in force
 * * %-EPERM		- No CAP_MAC_ADMIN, or locked
 * * %-EINVAL		- Not a valid policy (the kernel log says the line
 *			  and the problem), or not one write from offset 0
 * * %-EFBIG		- Larger than 16 MiB
 * * %-E2BIG		- Too many rules
 * * %-ENOMEM		- Out of memory
 */
static ssize_t policy_write(struct file *f, const char __user *ubuf,
			    size_t n, loff_t *ppos)
{
	struct modguard_policy_error e = { };
	u32 rules = 0;
	char *text;
	int ret;

	ret = may_write(f, ppos);
	if (ret)
		return ret;
	if (n > MODGUARD_POLICY_MAX_BYTES)
		return -EFBIG;
	/*
	 * Locked: refuse before copying and parsing up to 16 MiB for nothing.
	 * modguard_replace_policy() checks again under the mutex.
	 */
	if (modguard_is_locked()) {
		modguard_audit_policy_load(NULL, 0, 0, 0);
		return -EPERM;
	}
	text = vmemdup_user(ubuf, n);
	if (IS_ERR(text))
		return PTR_ERR(text);
	ret = modguard_replace_policy(text, n, &rules, &e);
	modguard_audit_policy_load(text, n, rules, !ret);
	kvfree(text);
	if (ret == -EINVAL && e.first_line)
		pr_notice_ratelimited("policy refused: line %u: %s (the same as line %u)\n",
				      e.line, e.msg, e.first_line);
	else if (ret == -EINVAL)
		pr_notice_ratelimited("policy refused: line %u: %s\n",
				      e.line, e.msg);
	return ret ? ret : done(ppos, n);
}

static ssize_t policy_read(struct file *f, char __user *ubuf, size_t n,
			   loff_t *ppos)
{
	return modguard_read_policy(ubuf, n, ppos);
}

/**
 * audit_allow_write() - Write handler for "audit_allow".
 * @f: The file.
 * @ubuf: A boolean: also audit allowed loads.
 * @n: Its length.
 * @ppos: Must be 0.
 *
 * Return:
 * * Length of @ubuf	- Switched
 * * %-EPERM		- No CAP_MAC_ADMIN, or locked
 * * %-EINVAL		- Not a boolean, or not one write from offset 0
 */
static ssize_t audit_allow_write(struct file *f, const char __user *ubuf,
				 size_t n, loff_t *ppos)
{
	bool on, was;
	int ret;

	ret = may_write(f, ppos);
	if (ret)
		return ret;
	ret = parse_bool(ubuf, n, &on);
	if (ret)
		return ret;
	ret = modguard_set_audit_allow(on, &was);
	modguard_audit_config("audit_allow", was ? "1" : "0", on ? "1" : "0",
			      !ret);
	return ret ? ret : done(ppos, n);
}

static ssize_t audit_allow_read(struct file *f, char __user *ubuf, size_t n,
				loff_t *ppos)
{
	char buf[3];
	int len;

	len = scnprintf(buf, sizeof(buf), "%d\n",
			modguard_audit_allow());
	return simple_read_from_buffer(ubuf, n, ppos, buf, len);
}

static ssize_t stats_read(struct file *f, char __user *ubuf, size_t n,
			  loff_t *ppos)
{
	size_t size = 64 * (__MODGUARD_REASON_MAX + 4);
	ssize_t ret;
	char *buf;
	int len, r;

	buf = kmalloc(size, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	len = scnprintf(buf, size,
			"allowed %ld\ndenied %ld\nwould-deny %ld\nsuppressed %ld\n",
			atomic_long_read(&modguard_stats.allowed),
			atomic_long_read(&modguard_stats.denied),
			atomic_long_read(&modguard_stats.would_deny),
			atomic_long_read(&modguard_stats.suppressed));
	for (r = MODGUARD_REASON_OK + 1; r < __MODGUARD_REASON_MAX; r++)
		len += scnprintf(buf + len, size - len, "reason %s %ld\n",
				 modguard_reason_name(r),
				 atomic_long_read(&modguard_stats.reason[r]));
	ret = simple_read_from_buffer(ubuf, n, ppos, buf, len);
	kfree(buf);
	return ret;
}

static ssize_t version_read(struct file *f, char __user *ubuf, size_t n,
			    loff_t *ppos)
{
	char buf[8];
	int len;

	len = scnprintf(buf, sizeof(buf), "%d\n", MODGUARD_FS_VERSION);
	return simple_read_from_buffer(ubuf, n, ppos, buf, len);
}

static const struct file_operations mode_fops = {
	.read = mode_read,
	.write = mode_write,
};

static const struct file_operations lock_fops = {
	.read = lock_read,
	.write = lock_write,
};

static const struct file_operations policy_fops = {
	.read = policy_read,
	.write = policy_write,
};

static const struct file_operations audit_allow_fops = {
	.read = audit_allow_read,
	.write = audit_allow_write,
};

static const struct file_operations stats_fops = {
	.read = stats_read,
};

static const struct file_operations version_fops = {
	.read = version_read,
};

static const struct {
	const char *name;
	umode_t mode;
	const struct file_operations *fops;
} files[] = {
	{ "mode", 0600, &mode_fops },
	{ "lock", 0600, &lock_fops },
	{ "policy", 0600, &policy_fops },
	{ "audit_allow", 0600, &audit_allow_fops },
	{ "stats", 0444, &stats_fops },
	{ "version", 0444, &version_fops },
};

static int __init modguard_fs_init(void)
{
	struct dentry *d;
	size_t i;

	if (!modguard_enabled)
		return 0;

	dir = securityfs_create_dir("modguard", NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		d = securityfs_create_file(files[i].name, files[i].mode, dir,
					   NULL, files[i].fops);
		if (IS_ERR(d)) {
			modguard_securityfs_remove_all(dir);
			return PTR_ERR(d);
		}
	}
	return 0;
}

fs_initcall(modguard_fs_init);
