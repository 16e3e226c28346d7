"""Which columns of a contact export hold what: a preset per exporter, recognised from the
header row, and the common English and Chinese headers for any other sheet.

A field is read from the first of its columns that the file has and that is not empty on the
row (Salesforce's `Phone`, else `MobilePhone`); a preset's columns come before the common
ones. Headers are compared case-insensitively, spaces collapsed (Data Loader writes them in
capitals). docs/contacts.md and `kamtui people import --help` list these columns: both are
made from this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kamtui.domain.contacts import FIELDS


@dataclass(frozen=True)
class Typed:
    """A value column whose meaning sits in a type column beside it: Google's `Relation 1 -
    Value` is the manager when `Relation 1 - Type` (or `- Label`) says Manager."""

    type_columns: tuple[str, ...]
    value_column: str
    wanted: str

    def __str__(self) -> str:
        return f"{self.value_column} (when {' / '.join(self.type_columns)} is {self.wanted})"


Source = str | Typed


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    # the preset applies when every header of one of these groups is in the file
    signatures: tuple[tuple[str, ...], ...]
    fields: dict[str, tuple[Source, ...]] = field(default_factory=dict)
    note: str = ""


def _numbered(template: str, n: int = 5) -> tuple[str, ...]:
    return tuple(template.format(i) for i in range(1, n + 1))


SALESFORCE = Preset(
    "salesforce", "Salesforce",
    signatures=(("ReportsToId",), ("AccountId", "LastName"), ("Contact ID", "Account Name")),
    fields={
        "record_id": ("Id", "Contact ID"),
        "name": ("Name", "Full Name"),
        "given_name": ("FirstName", "First Name"),
        "family_name": ("LastName", "Last Name"),
        "title": ("Title",),
        "department": ("Department",),
        "reports_to": ("ReportsToId", "Reports To"),
        "email": ("Email",),
        "phone": ("Phone", "MobilePhone", "Mobile", "Business Phone"),
    },
    note="Contacts from the Data Export or Data Loader (API names: `ReportsToId` points at "
         "another row's `Id`) or a contacts report (labels).",
)
DYNAMICS = Preset(
    "dynamics", "Dynamics 365",
    signatures=(("(Do Not Modify) Contact",), ("Full Name", "Job Title", "Business Phone"),
                ("contactid", "fullname")),
    fields={
        "record_id": ("(Do Not Modify) Contact", "contactid"),
        "name": ("Full Name", "fullname"),
        "given_name": ("First Name", "firstname"),
        "family_name": ("Last Name", "lastname"),
        "title": ("Job Title", "jobtitle"),
        "department": ("Department", "department"),
        "reports_to": ("Manager", "managername"),
        "email": ("Email", "emailaddress1"),
        "phone": ("Business Phone", "telephone1", "Mobile Phone", "mobilephone"),
    },
    note="Contacts exported to Excel from a view (display names, with the hidden "
         "`(Do Not Modify) Contact` id column), or with logical names; `Manager` is the "
         "manager's name.",
)
HUBSPOT = Preset(
    "hubspot", "HubSpot",
    signatures=(("Record ID", "First Name", "Last Name"), ("Contact owner",), ("hs_object_id",)),
    fields={
        "record_id": ("Record ID", "hs_object_id"),
        "given_name": ("First Name", "firstname"),
        "family_name": ("Last Name", "lastname"),
        "title": ("Job Title", "jobtitle"),
        "department": ("Department",),
        "email": ("Email", "email"),
        "phone": ("Phone Number", "phone", "Mobile Phone Number", "mobilephone"),
    },
    note="The contacts export (property labels, or internal names). HubSpot has no "
         "reports-to property: map a column of your own with `--map COLUMN=reports_to`.",
)
GOOGLE = Preset(
    "google", "Google Contacts",
    signatures=(("E-mail 1 - Value",),),
    fields={
        "name": ("Name",),
        "given_name": ("Given Name", "First Name"),
        "family_name": ("Family Name", "Last Name"),
        "title": ("Organization 1 - Title", "Organization Title"),
        "department": ("Organization 1 - Department", "Organization Department"),
        "reports_to": tuple(Typed((f"Relation {i} - Type", f"Relation {i} - Label"),
                                  f"Relation {i} - Value", "manager") for i in range(1, 6)),
        "email": _numbered("E-mail {} - Value"),
        "phone": _numbered("Phone {} - Value"),
    },
    note="Google CSV, old (`Given Name`, `Organization 1 - …`) and new (`First Name`, "
         "`Organization …`) headers; the manager is the relation typed Manager.",
)
VCARD = Preset(
    "vcard", "vCard",
    signatures=(),
    fields={
        "record_id": ("UID",),
        "name": ("FN",),
        "given_name": ("N.given",),
        "family_name": ("N.family",),
        "title": ("TITLE",),
        "department": ("ORG.units",),
        "reports_to": ("MANAGER",),
        "email": ("EMAIL",),
        "phone": ("TEL",),
    },
    note="vCard 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350) as Outlook, Apple and Google Contacts "
         "write them: the organisation's units (`ORG:Company;IT;Security`) are the department "
         "path; the manager is `X-MS-MANAGER`, `X-ABRELATEDNAMES` labelled Manager or "
         "`RELATED;TYPE=x-manager`.",
)
COMMON = Preset(
    "common", "Common headers (English, 中文)",
    signatures=(),
    fields={
        "record_id": ("ID", "编号"),
        "name": ("Name", "Full Name", "Display Name", "Contact Name", "姓名", "名字", "联系人", "联系人姓名"),
        "given_name": ("First Name", "Given Name", "名"),
        "family_name": ("Last Name", "Family Name", "Surname", "姓"),
        "title": ("Title", "Job Title", "Position", "职务", "职位", "头衔", "岗位"),
        "department": ("Department", "Dept", "部门", "所属部门"),
        "reports_to": ("Reports To", "Manager", "Supervisor", "上级", "直属上级", "上级领导", "汇报对象", "汇报给"),
        "email": ("Email", "E-mail", "Email Address", "Mail", "邮箱", "电子邮件", "电子邮箱", "邮件", "邮件地址"),
        "phone": ("Phone", "Business Phone", "Work Phone", "Mobile", "Mobile Phone", "Telephone",
                  "电话", "手机", "手机号", "手机号码", "联系电话", "办公电话"),
    },
    note="Used for any sheet no preset recognises, and for the fields a preset's own columns "
         "leave out.",
)
PRESETS: dict[str, Preset] = {p.name: p for p in (SALESFORCE, DYNAMICS, HUBSPOT, GOOGLE, VCARD, COMMON)}
RECOGNISED = (SALESFORCE, DYNAMICS, HUBSPOT, GOOGLE)  # tried in this order
assert all(set(p.fields) <= set(FIELDS) for p in PRESETS.values())

_SPACES = re.compile(r"\s+")


def header_key(header: str) -> str:
    return _SPACES.sub(" ", header).strip().casefold()


def recognise(headers: list[str], kind: str) -> Preset:
    """The preset a file's header row shows (vCards: the vCard one), else the common one."""
    if kind == "vcard":
        return VCARD
    have = {header_key(h) for h in headers}
    for preset in RECOGNISED:
        if any(all(header_key(h) in have for h in group) for group in preset.signatures):
            return preset
    return COMMON


def columns_of(preset: Preset, field_name: str) -> tuple[Source, ...]:
    """Where `field_name` is looked for under `preset`: its own columns, then the common ones."""
    own = preset.fields.get(field_name, ())
    if preset is COMMON or preset is VCARD:
        return own
    return own + tuple(c for c in COMMON.fields.get(field_name, ()) if c not in own)


def describe(preset: Preset) -> list[tuple[str, str]]:
    """(field, its columns) as the docs and --help list them."""
    return [(f, ", ".join(str(c) for c in preset.fields[f])) for f in FIELDS if preset.fields.get(f)]
