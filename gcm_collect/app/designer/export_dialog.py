# ruff: noqa
# Compiled from ui/export_dialog.ui, SHA-256 9c36831d4660cfdba27dedeae4f832f413283ae192a22e8e40e5d68fc19309e0
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'export_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QTableView, QVBoxLayout, QWidget

class Ui_ExportDialog(object):
    def setupUi(self, ExportDialog):
        if not ExportDialog.objectName():
            ExportDialog.setObjectName(u"ExportDialog")
        ExportDialog.resize(600, 520)
        self.mainLayout = QVBoxLayout(ExportDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.statusBox = QGroupBox(ExportDialog)
        self.statusBox.setObjectName(u"statusBox")
        self.statusLayout = QHBoxLayout(self.statusBox)
        self.statusLayout.setObjectName(u"statusLayout")
        self.draftCheck = QCheckBox(self.statusBox)
        self.draftCheck.setObjectName(u"draftCheck")

        self.statusLayout.addWidget(self.draftCheck)

        self.completeCheck = QCheckBox(self.statusBox)
        self.completeCheck.setObjectName(u"completeCheck")
        self.completeCheck.setChecked(True)

        self.statusLayout.addWidget(self.completeCheck)

        self.finalizedCheck = QCheckBox(self.statusBox)
        self.finalizedCheck.setObjectName(u"finalizedCheck")
        self.finalizedCheck.setChecked(True)

        self.statusLayout.addWidget(self.finalizedCheck)

        self.stateOnlyCheck = QCheckBox(self.statusBox)
        self.stateOnlyCheck.setObjectName(u"stateOnlyCheck")

        self.statusLayout.addWidget(self.stateOnlyCheck)


        self.mainLayout.addWidget(self.statusBox)

        self.previewLabel = QLabel(ExportDialog)
        self.previewLabel.setObjectName(u"previewLabel")

        self.mainLayout.addWidget(self.previewLabel)

        self.previewTable = QTableView(ExportDialog)
        self.previewTable.setObjectName(u"previewTable")

        self.mainLayout.addWidget(self.previewTable)

        self.targetLayout = QFormLayout()
        self.targetLayout.setObjectName(u"targetLayout")
        self.languageLabel = QLabel(ExportDialog)
        self.languageLabel.setObjectName(u"languageLabel")

        self.targetLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.languageCombo = QComboBox(ExportDialog)
        self.languageCombo.setObjectName(u"languageCombo")

        self.targetLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.languageCombo)

        self.pathLabel = QLabel(ExportDialog)
        self.pathLabel.setObjectName(u"pathLabel")

        self.targetLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.pathLabel)

        self.pathLayout = QHBoxLayout()
        self.pathLayout.setObjectName(u"pathLayout")
        self.pathEdit = QLineEdit(ExportDialog)
        self.pathEdit.setObjectName(u"pathEdit")

        self.pathLayout.addWidget(self.pathEdit)

        self.browseButton = QPushButton(ExportDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.pathLayout.addWidget(self.browseButton)


        self.targetLayout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.pathLayout)


        self.mainLayout.addLayout(self.targetLayout)

        self.progressBar = QProgressBar(ExportDialog)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setValue(0)

        self.mainLayout.addWidget(self.progressBar)

        self.buttonBox = QDialogButtonBox(ExportDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.languageLabel.setBuddy(self.languageCombo)
        self.pathLabel.setBuddy(self.pathEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.draftCheck, self.completeCheck)
        QWidget.setTabOrder(self.completeCheck, self.finalizedCheck)
        QWidget.setTabOrder(self.finalizedCheck, self.stateOnlyCheck)
        QWidget.setTabOrder(self.stateOnlyCheck, self.previewTable)
        QWidget.setTabOrder(self.previewTable, self.languageCombo)
        QWidget.setTabOrder(self.languageCombo, self.pathEdit)
        QWidget.setTabOrder(self.pathEdit, self.browseButton)

        self.retranslateUi(ExportDialog)
    # setupUi

    def retranslateUi(self, ExportDialog):
        ExportDialog.setWindowTitle(QCoreApplication.translate("ExportDialog", u"Export to a reviewer workbook", None))
        self.statusBox.setTitle(QCoreApplication.translate("ExportDialog", u"Submissions to export", None))
        self.draftCheck.setText(QCoreApplication.translate("ExportDialog", u"&Drafts", None))
#if QT_CONFIG(accessibility)
        self.draftCheck.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Export drafts", None))
#endif // QT_CONFIG(accessibility)
        self.completeCheck.setText(QCoreApplication.translate("ExportDialog", u"&Complete", None))
#if QT_CONFIG(accessibility)
        self.completeCheck.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Export complete submissions", None))
#endif // QT_CONFIG(accessibility)
        self.finalizedCheck.setText(QCoreApplication.translate("ExportDialog", u"&Finalized", None))
#if QT_CONFIG(accessibility)
        self.finalizedCheck.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Export finalized submissions", None))
#endif // QT_CONFIG(accessibility)
        self.stateOnlyCheck.setText(QCoreApplication.translate("ExportDialog", u"&Only the State chosen in the list", None))
#if QT_CONFIG(accessibility)
        self.stateOnlyCheck.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Export only the State chosen in the list", None))
#endif // QT_CONFIG(accessibility)
        self.previewLabel.setText(QCoreApplication.translate("ExportDialog", u"Preview: submissions by State and status", None))
#if QT_CONFIG(accessibility)
        self.previewTable.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Preview of the export", None))
#endif // QT_CONFIG(accessibility)
        self.languageLabel.setText(QCoreApplication.translate("ExportDialog", u"Workbook &language:", None))
#if QT_CONFIG(accessibility)
        self.languageCombo.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Language of the workbook", None))
#endif // QT_CONFIG(accessibility)
        self.pathLabel.setText(QCoreApplication.translate("ExportDialog", u"&Save as:", None))
#if QT_CONFIG(accessibility)
        self.pathEdit.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Workbook file", None))
#endif // QT_CONFIG(accessibility)
        self.browseButton.setText(QCoreApplication.translate("ExportDialog", u"&Browse\u2026", None))
#if QT_CONFIG(accessibility)
        self.browseButton.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Choose the workbook file", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.progressBar.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Export progress", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

