# ruff: noqa
# Compiled from ui/consolidate_dialog.ui, SHA-256 09fff311bbd6473f5b70bbba249dfa9a254107172011176281b905793cd60c6a
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'consolidate_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem, QVBoxLayout

class Ui_ConsolidateDialog(object):
    def setupUi(self, ConsolidateDialog):
        if not ConsolidateDialog.objectName():
            ConsolidateDialog.setObjectName(u"ConsolidateDialog")
        ConsolidateDialog.resize(640, 480)
        self.mainLayout = QVBoxLayout(ConsolidateDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(ConsolidateDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.inputsTable = QTableWidget(ConsolidateDialog)
        if (self.inputsTable.columnCount() < 2):
            self.inputsTable.setColumnCount(2)
        __qtablewidgetitem = QTableWidgetItem()
        self.inputsTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.inputsTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        self.inputsTable.setObjectName(u"inputsTable")
        self.inputsTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.inputsTable.setColumnCount(2)
        self.inputsTable.horizontalHeader().setStretchLastSection(True)

        self.mainLayout.addWidget(self.inputsTable)

        self.inputButtons = QHBoxLayout()
        self.inputButtons.setObjectName(u"inputButtons")
        self.addButton = QPushButton(ConsolidateDialog)
        self.addButton.setObjectName(u"addButton")

        self.inputButtons.addWidget(self.addButton)

        self.removeButton = QPushButton(ConsolidateDialog)
        self.removeButton.setObjectName(u"removeButton")

        self.inputButtons.addWidget(self.removeButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.inputButtons.addItem(self.buttonSpacer)


        self.mainLayout.addLayout(self.inputButtons)

        self.targetLayout = QFormLayout()
        self.targetLayout.setObjectName(u"targetLayout")
        self.regionLabel = QLabel(ConsolidateDialog)
        self.regionLabel.setObjectName(u"regionLabel")

        self.targetLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.regionLabel)

        self.regionCombo = QComboBox(ConsolidateDialog)
        self.regionCombo.setObjectName(u"regionCombo")

        self.targetLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.regionCombo)

        self.pathLabel = QLabel(ConsolidateDialog)
        self.pathLabel.setObjectName(u"pathLabel")

        self.targetLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.pathLabel)

        self.pathLayout = QHBoxLayout()
        self.pathLayout.setObjectName(u"pathLayout")
        self.pathEdit = QLineEdit(ConsolidateDialog)
        self.pathEdit.setObjectName(u"pathEdit")

        self.pathLayout.addWidget(self.pathEdit)

        self.browseButton = QPushButton(ConsolidateDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.pathLayout.addWidget(self.browseButton)


        self.targetLayout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.pathLayout)

        self.acceptEditsCheck = QCheckBox(ConsolidateDialog)
        self.acceptEditsCheck.setObjectName(u"acceptEditsCheck")

        self.targetLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.acceptEditsCheck)


        self.mainLayout.addLayout(self.targetLayout)

        self.progressBar = QProgressBar(ConsolidateDialog)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setValue(0)

        self.mainLayout.addWidget(self.progressBar)

        self.buttonBox = QDialogButtonBox(ConsolidateDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.regionLabel.setBuddy(self.regionCombo)
        self.pathLabel.setBuddy(self.pathEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ConsolidateDialog)
    # setupUi

    def retranslateUi(self, ConsolidateDialog):
        ConsolidateDialog.setWindowTitle(QCoreApplication.translate("ConsolidateDialog", u"Consolidate workbooks", None))
        self.introLabel.setText(QCoreApplication.translate("ConsolidateDialog", u"Add the workbooks exported by the officers; each is verified before it is merged.", None))
        ___qtablewidgetitem = self.inputsTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("ConsolidateDialog", u"Workbook", None))
        ___qtablewidgetitem1 = self.inputsTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("ConsolidateDialog", u"Status", None))
#if QT_CONFIG(accessibility)
        self.inputsTable.setAccessibleName(QCoreApplication.translate("ConsolidateDialog", u"Workbooks to consolidate", None))
#endif // QT_CONFIG(accessibility)
        self.addButton.setText(QCoreApplication.translate("ConsolidateDialog", u"&Add workbooks\u2026", None))
#if QT_CONFIG(accessibility)
        self.addButton.setAccessibleName(QCoreApplication.translate("ConsolidateDialog", u"Add workbooks", None))
#endif // QT_CONFIG(accessibility)
        self.removeButton.setText(QCoreApplication.translate("ConsolidateDialog", u"&Drop selected", None))
#if QT_CONFIG(accessibility)
        self.removeButton.setAccessibleName(QCoreApplication.translate("ConsolidateDialog", u"Drop the selected workbook", None))
#endif // QT_CONFIG(accessibility)
        self.regionLabel.setText(QCoreApplication.translate("ConsolidateDialog", u"&Regional review:", None))
#if QT_CONFIG(accessibility)
        self.regionCombo.setAccessibleName(QCoreApplication.translate("ConsolidateDialog", u"Regional review", None))
#endif // QT_CONFIG(accessibility)
        self.pathLabel.setText(QCoreApplication.translate("ConsolidateDialog", u"&Save as:", None))
#if QT_CONFIG(accessibility)
        self.pathEdit.setAccessibleName(QCoreApplication.translate("ConsolidateDialog", u"Regional workbook file", None))
#endif // QT_CONFIG(accessibility)
        self.browseButton.setText(QCoreApplication.translate("ConsolidateDialog", u"&Browse\u2026", None))
#if QT_CONFIG(accessibility)
        self.browseButton.setAccessibleName(QCoreApplication.translate("ConsolidateDialog", u"Choose the regional workbook file", None))
#endif // QT_CONFIG(accessibility)
        self.acceptEditsCheck.setText(QCoreApplication.translate("ConsolidateDialog", u"&Take valid edits made in the workbooks, as new revisions", None))
#if QT_CONFIG(tooltip)
        self.acceptEditsCheck.setToolTip(QCoreApplication.translate("ConsolidateDialog", u"Cells a reviewer changed after export are checked against the form and taken as a new revision by that reviewer. Unchecked: they are listed in the Edits sheet and the exported values kept.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.acceptEditsCheck.setAccessibleName(QCoreApplication.translate("ConsolidateDialog", u"Take valid edits made in the workbooks", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.progressBar.setAccessibleName(QCoreApplication.translate("ConsolidateDialog", u"Consolidation progress", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

