"""Contact files in the formats people have, made by the tests: the vendors' documented column
sets (Salesforce's Contact object as its data export writes it, Dynamics 365's export to Excel
of a contacts view, HubSpot's contacts export, Google's CSV) and the vCard examples of
RFC 2426 and RFC 6350, with what Outlook and Apple add (a manager).

Each maker writes the file and returns what the import should find: {name: (title, e-mail,
department path, manager's name)}.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

# -- Salesforce: Contact.csv of the weekly data export (API names), Chinese names, in GB18030 ----------
SALESFORCE_HEADERS = ["Id", "IsDeleted", "AccountId", "LastName", "FirstName", "Salutation", "Name",
                      "MailingCity", "MailingCountry", "Phone", "Fax", "MobilePhone", "ReportsToId", "Email",
                      "Title", "Department", "OwnerId", "CreatedDate"]
SALESFORCE_PEOPLE = [
    # Id, LastName, FirstName, Phone, MobilePhone, ReportsToId, Email, Title, Department
    ("0035g00000AbCdE01", "王", "强", "+86 21 5555 0101", "", "", "wang.qiang@huaxin.cn", "总经理", "总经理办公室"),
    ("0035g00000AbCdE02", "李", "芳", "", "138 0013 8002", "0035g00000AbCdE01", "li.fang@huaxin.cn", "首席信息官",
     "信息技术部"),
    ("0035g00000AbCdE03", "张", "伟", "021-5555 0103 转 8012", "", "0035g00000AbCdE02", "zhang.wei@huaxin.cn",
     "安全主管", "信息技术部 / 安全"),
    ("0035g00000AbCdE04", "欧阳", "䶮", "+86 21 5555 0104", "", "0035g00000AbCdE02", "ouyang.yan@huaxin.cn",
     "网络架构师", "信息技术部 / 网络"),  # 䶮 (U+4DAE): in GB18030, not in GBK
    ("0035g00000AbCdE05", "刘", "娜", "+86 21 5555 0105", "", "0035g00000AbCdE01", "liu.na@huaxin.cn", "采购总监",
     "采购部"),
]


def salesforce_csv(path: Path) -> dict[str, tuple]:
    rows = [SALESFORCE_HEADERS]
    by_id = {p[0]: p[1] + p[2] for p in SALESFORCE_PEOPLE}
    expected = {}
    for id_, last, first, phone, mobile, boss, email, title, dept in SALESFORCE_PEOPLE:
        rows.append([id_, "0", "0015g00000XyZaB01", last, first, "", last + first, "上海", "中国", phone, "",
                     mobile, boss, email, title, dept, "0055g00000Own01", "2026-03-01T08:00:00.000Z"])
        expected[last + first] = (title, email, dept, by_id.get(boss, ""), phone or mobile)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("gb18030"))
    return expected


# -- Dynamics 365: "Export to Excel" of the Active Contacts view, columns added to it -------------------
DYNAMICS_HEADERS = ["(Do Not Modify) Contact", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On",
                    "Full Name", "Company Name", "Business Phone", "Email", "Job Title", "Department", "Manager"]
DYNAMICS_PEOPLE = [
    ("4b1f7c2e-0a1b-4c3d-9e8f-000000000001", "Thomas Becker", 861055550101, "thomas.becker@harbourline.com",
     "Chief Information Officer", "IT", ""),
    ("4b1f7c2e-0a1b-4c3d-9e8f-000000000002", "Anna Schmidt", "+86 10 5555 0102", "anna.schmidt@harbourline.com",
     "Head of Security", "IT / Security", "Thomas Becker"),
    ("4b1f7c2e-0a1b-4c3d-9e8f-000000000003", "Liu Yang", "+86 10 5555 0103", "liu.yang@harbourline.com",
     "Procurement Manager", "Procurement", "Thomas Becker"),
]


def dynamics_xlsx(path: Path) -> dict[str, tuple]:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Active Contacts 12-7-2026"
    sheet.append(DYNAMICS_HEADERS)
    expected = {}
    for guid, name, phone, email, title, dept, manager in DYNAMICS_PEOPLE:
        sheet.append([guid, "xYz0Checksum==", dt.datetime(2026, 11, 2, 9, 30), name, "Harbourline Bank", phone,
                      email, title, dept, manager])
        expected[name] = (title, email, dept, manager, str(phone))
    hidden = book.create_sheet("hiddenSheet")  # Dynamics keeps the view's metadata there
    hidden["A1"] = "contact:ActiveContacts"
    hidden.sheet_state = "hidden"
    book.save(path)
    return expected


# -- vCards: RFC 2426 §7 and RFC 6350 §8 examples, Outlook's manager, Apple's related names --------------
VCARDS = (
    # RFC 2426, section 7 (the first example), with its folded ADR line; Outlook's manager property
    "BEGIN:vCard\r\nVERSION:3.0\r\nFN:Frank Dawson\r\nORG:Lotus Development Corporation\r\n"
    "ADR;TYPE=WORK,POSTAL,PARCEL:;;6544 Battleford Drive\r\n ;Raleigh;NC;27613-3502;U.S.A.\r\n"
    "TEL;TYPE=VOICE,MSG,WORK:+1-919-676-9515\r\nTEL;TYPE=FAX,WORK:+1-919-676-9564\r\n"
    "EMAIL;TYPE=INTERNET,PREF:Frank_Dawson@Lotus.com\r\nEMAIL;TYPE=INTERNET:fdawson@earthlink.net\r\n"
    "URL:http://home.earthlink.net/~fdawson\r\nEND:vCard\r\n\r\n"
    # RFC 2426, section 7 (the second example), reporting to the first
    "BEGIN:vCard\r\nVERSION:3.0\r\nFN:Tim Howes\r\nORG:Netscape Communications Corp.\r\n"
    "ADR;TYPE=WORK:;;501 E. Middlefield Rd.;Mountain View;\r\n CA; 94043;U.S.A.\r\n"
    "TEL;TYPE=VOICE,MSG,WORK:+1-415-937-3419\r\nTEL;TYPE=FAX,WORK:+1-415-528-4164\r\n"
    "EMAIL;TYPE=INTERNET:howes@netscape.com\r\nX-MS-MANAGER:Frank Dawson\r\nEND:vCard\r\n"
    # RFC 6350, section 8, with the ORG of section 6.6.4 (an escaped comma) and a folded NOTE
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Simon Perreault\r\nN:Perreault;Simon;;;ing. jr,M.Sc.\r\n"
    "BDAY:--0203\r\nANNIVERSARY:20090808T1430-0500\r\nGENDER:M\r\nLANG;PREF=1:fr\r\nLANG;PREF=2:en\r\n"
    "ORG:ABC\\, Inc.;North American Division;Marketing\r\nTITLE:Research Scientist\r\n"
    "ADR;TYPE=work:;Suite D2-630;2875 Laurier;\r\n Quebec;QC;G1V 2M2;Canada\r\n"
    "TEL;VALUE=uri;TYPE=\"work,voice\";PREF=1:tel:+1-418-656-9254;ext=102\r\n"
    "TEL;VALUE=uri;TYPE=\"work,cell,voice,video,text\":tel:+1-418-262-6501\r\n"
    "EMAIL;TYPE=work:simon.perreault@viagenie.ca\r\nGEO;TYPE=work:geo:46.772673\\,-71.282945\r\n"
    "NOTE:Met at the IETF meeting\\, Quebec; prefers French and a long\r\n  folded note.\r\n"
    "TZ:-0500\r\nURL;TYPE=home:http://nomis80.org\r\nEND:VCARD\r\n"
    # Apple Contacts: a related name labelled Manager (vCard 3.0 with item groups)
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 15.1//EN\r\nN:Tremblay;Chloé;;;\r\n"
    "FN:Chloé Tremblay\r\nORG:ABC\\, Inc.;North American Division;Marketing\r\nTITLE:Marketing Analyst\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:chloe.tremblay@abc.example\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+1 418 555 0199\r\n"
    "item1.X-ABRELATEDNAMES;type=pref:Simon Perreault\r\nitem1.X-ABLabel:_$!<Manager>!$_\r\nEND:VCARD\r\n"
)
VCARD_EXPECTED = {
    "Frank Dawson": ("", "Frank_Dawson@Lotus.com", "", "", "+1-919-676-9515"),
    "Tim Howes": ("", "howes@netscape.com", "", "Frank Dawson", "+1-415-937-3419"),
    "Simon Perreault": ("Research Scientist", "simon.perreault@viagenie.ca", "North American Division / Marketing",
                        "", "+1-418-656-9254 ext. 102"),
    "Chloé Tremblay": ("Marketing Analyst", "chloe.tremblay@abc.example", "North American Division / Marketing",
                       "Simon Perreault", "+1 418 555 0199"),
}


def vcards(path: Path) -> dict[str, tuple]:
    path.write_bytes(VCARDS.encode("utf-8"))
    return dict(VCARD_EXPECTED)


# -- HubSpot: the contacts export (property labels), UTF-8 with a byte-order mark ------------------------
HUBSPOT_HEADERS = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Job Title", "Company Name",
                   "Contact owner", "Lifecycle Stage", "Create Date", "Last Activity Date", "Manager Email"]
HUBSPOT_PEOPLE = [
    ("51", "Maria", "García", "maria.garcia@nordwind.example", "+49 40 5555 0151", "COO", ""),
    ("52", "Jonas", "Weber", "jonas.weber@nordwind.example", "+49 40 5555 0152", "Head of Logistics",
     "maria.garcia@nordwind.example"),
    ("53", "Zoë", "Ng", "zoe.ng@nordwind.example", "", "Buyer, Packaging", "jonas.weber@nordwind.example"),
]


def hubspot_csv(path: Path) -> dict[str, tuple]:
    rows = [HUBSPOT_HEADERS]
    by_email = {p[3]: f"{p[1]} {p[2]}" for p in HUBSPOT_PEOPLE}
    expected = {}
    for rid, first, last, email, phone, title, boss in HUBSPOT_PEOPLE:
        rows.append([rid, first, last, email, phone, title, "Nordwind Logistics", "Sarah Lin", "customer",
                     "2026-02-11 10:04", "2026-11-20 16:40", boss])
        expected[f"{first} {last}"] = (title, email, "", by_email.get(boss, ""), phone)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    return expected


# -- Google Contacts: Google CSV (the old headers) ------------------------------------------------------
GOOGLE_HEADERS = ["Name", "Given Name", "Additional Name", "Family Name", "Group Membership", "E-mail 1 - Type",
                  "E-mail 1 - Value", "Phone 1 - Type", "Phone 1 - Value", "Organization 1 - Type",
                  "Organization 1 - Name", "Organization 1 - Title", "Organization 1 - Department",
                  "Relation 1 - Type", "Relation 1 - Value"]


def google_csv(path: Path) -> dict[str, tuple]:
    rows = [GOOGLE_HEADERS,
            ["Wang Lei", "Lei", "", "Wang", "* myContacts", "* Work", "wang.lei@example.cn ::: lei@home.example",
             "Work", "+86 10 5555 0201", "", "Example Corp", "CTO", "R&D", "", ""],
            ["Chen Jing", "Jing", "", "Chen", "* myContacts", "* Work", "chen.jing@example.cn", "Mobile",
             "+86 139 0000 0202", "", "Example Corp", "Architect", "R&D / Platform", "Manager", "Wang Lei"]]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return {"Wang Lei": ("CTO", "wang.lei@example.cn", "R&D", "", "+86 10 5555 0201"),
            "Chen Jing": ("Architect", "chen.jing@example.cn", "R&D / Platform", "Wang Lei", "+86 139 0000 0202")}


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n", delimiter=delimiter).writerows(rows)
    return buf.getvalue().encode(encoding)
